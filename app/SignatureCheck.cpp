#include "SignatureCheck.h"

#include "Signer.h"

SignatureCheck::Result SignatureCheck::check(const QString &webhookId, const QString &timestamp,
                                             const QString &signatureHeader, const QByteArray &body,
                                             const QString &secret, const QDateTime &now)
{
    Result result;
    if (webhookId.trimmed().isEmpty() || signatureHeader.trimmed().isEmpty() || secret.trimmed().isEmpty())
        return result;
    bool numeric = false;
    const qint64 seconds = timestamp.trimmed().toLongLong(&numeric);
    if (!numeric) {
        result.outcome = Outcome::BadTimestamp;
        return result;
    }
    result.ageSeconds = now.toSecsSinceEpoch() - seconds;
    result.timestampFresh = qAbs(result.ageSeconds) <= toleranceSeconds;
    const auto key = Signer::keyFromSecret(secret.trimmed());
    if (!key || key->isEmpty()) {
        result.outcome = Outcome::BadSecret;
        return result;
    }
    const bool valid = Signer::verify(*key, webhookId.trimmed().toUtf8(), seconds, body,
                                      signatureHeader.trimmed().toUtf8());
    result.outcome = valid ? Outcome::Valid : Outcome::Invalid;
    return result;
}
