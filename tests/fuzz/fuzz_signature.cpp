// Standard Webhooks signatures. Input lines: secret, webhook-id, timestamp, signature header,
// then the body. A key from any secret signs messages that verify; a header verifies only if it
// holds the exact signature as one of its space-separated entries; a changed id never verifies.
#include "Signer.h"

#include <QList>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<QByteArray> parts = input.split('\n');
    while (parts.size() < 5)
        parts.append(QByteArray());
    const QByteArray body = input.mid(parts.at(0).size() + parts.at(1).size() + parts.at(2).size() + parts.at(3).size() + 4);
    const auto key = Signer::keyFromSecret(QString::fromUtf8(parts.at(0)));
    if (!key)
        return 0;
    if (key->isEmpty())
        std::abort();
    const QByteArray &id = parts.at(1);
    const qint64 timestamp = parts.at(2).toLongLong();
    const QByteArray &header = parts.at(3);
    const QByteArray signature = Signer::sign(*key, id, timestamp, body);
    if (!signature.startsWith("v1,") || !Signer::verify(*key, id, timestamp, body, signature))
        std::abort();
    if (!Signer::verify(*key, id, timestamp, body, header + ' ' + signature))
        std::abort();
    if (Signer::verify(*key, id + 'x', timestamp, body, signature))
        std::abort();
    if (Signer::verify(*key, id, timestamp, body, header) != header.split(' ').contains(signature))
        std::abort();
    return 0;
}
