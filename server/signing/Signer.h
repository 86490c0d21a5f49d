#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// Standard Webhooks signatures: v1,<base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))>.
// The server signs with it and the console verifies with it: one implementation for both.
class Signer
{
public:
    // The HMAC key of a secret: the base64-decoded text after "whs_" (the prefix is optional,
    // as in the reference libraries). nullopt when the rest is not valid base64.
    static std::optional<QByteArray> keyFromSecret(const QString &secret);

    // "v1,<base64>" for one message; the key is already decoded.
    static QByteArray sign(const QByteArray &key, const QByteArray &webhookId, qint64 timestamp,
                           const QByteArray &body);

    // True when any space-separated v1 signature in signatureHeader matches, compared in constant time.
    static bool verify(const QByteArray &key, const QByteArray &webhookId, qint64 timestamp,
                       const QByteArray &body, const QByteArray &signatureHeader);
};
