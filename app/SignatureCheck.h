#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

// Verifies a received webhook the way a receiver would, with the server's own Signer.
class SignatureCheck
{
public:
    enum class Outcome { Valid, Invalid, BadSecret, BadTimestamp, MissingInput };
    struct Result
    {
        Outcome outcome = Outcome::MissingInput;
        qint64 ageSeconds = 0;     // now minus webhook-timestamp; negative when in the future
        bool timestampFresh = false; // within the 5-minute tolerance receivers apply
    };

    static constexpr qint64 toleranceSeconds = 5 * 60;

    static Result check(const QString &webhookId, const QString &timestamp, const QString &signatureHeader,
                        const QByteArray &body, const QString &secret,
                        const QDateTime &now = QDateTime::currentDateTimeUtc());
};
