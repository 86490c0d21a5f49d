#include "Signer.h"

#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

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
    const QByteArray message = webhookId + '.' + QByteArray::number(timestamp) + '.' + body;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char *>(message.constData()), static_cast<size_t>(message.size()),
         digest, &digestLength);
    return "v1," + QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(digestLength)).toBase64();
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
