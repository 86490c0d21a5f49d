#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

// When to try again. The schedule lists the delay before each attempt, the first counted from
// the event (default 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), each with +-20% jitter so a
// burst of failures does not come back as a burst.
class RetryPolicy
{
public:
    explicit RetryPolicy(QList<qint64> delaysMs = standardDelaysMs(), double jitter = 0.2);

    static QList<qint64> standardDelaysMs();
    // "0,5s,5m,30m,2h" (units ms, s, m, h; a bare number is seconds). nullopt + error on bad input.
    static std::optional<QList<qint64>> parseSchedule(const QString &text, QString *error);
    // Retry-After as seconds or an HTTP date; nullopt when unreadable.
    static std::optional<qint64> parseRetryAfterMs(const QByteArray &value, qint64 nowMs);

    int maxAttempts() const { return static_cast<int>(m_delaysMs.size()); }
    // Delay before the next attempt once attemptsMade have failed; nullopt when none is left.
    // A receiver's Retry-After (429/503) lengthens the wait, bounded to a day.
    std::optional<qint64> delayAfter(int attemptsMade, std::optional<qint64> retryAfterMs = std::nullopt) const;

private:
    QList<qint64> m_delaysMs;
    double m_jitter;
};
