#include "Signer.h"

#include "SigningKey.h"

#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>

std::optional<QByteArray> Signer::keyFromSecret(const QString &secret)
{
    QString encoded = secret.trimmed();
    if (encoded.startsWith(QLatin1String("whsec_")))
        encoded.remove(0, 6);
    else if (encoded.startsWith(QLatin1String("whs_")))
        encoded.remove(0, 4);
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

QByteArray Signer::sign(const QByteArray &key, const QByteArray &webhookId, qint64 timestamp,
                        const QByteArray &body)
{
    return SigningKey(key).sign(webhookId, timestamp, body);
}

bool Signer::verify(const QByteArray &key, const QByteArray &webhookId, qint64 timestamp,
                    const QByteArray &body, const QByteArray &signatureHeader)
{
    const QByteArray expected = sign(key, webhookId, timestamp, body);
    bool matched = false;
    for (const QByteArray &candidate : signatureHeader.split(' ')) {
        // Check every candidate so the time taken does not tell which one matched.
        if (candidate.size() == expected.size()
            && CRYPTO_memcmp(candidate.constData(), expected.constData(), static_cast<size_t>(expected.size())) == 0)
            matched = true;
    }
    return matched;
}
