#include "RetryPolicy.h"

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

namespace {
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kMaxRetryAfterMs = 24 * kHour;
} // namespace

RetryPolicy::RetryPolicy(QList<qint64> delaysMs, double jitter)
    : m_delaysMs(std::move(delaysMs))
    , m_jitter(jitter)
{
}

QList<qint64> RetryPolicy::standardDelaysMs()
{
    return {0, 5 * kSecond, 5 * kMinute, 30 * kMinute, 2 * kHour, 5 * kHour, 10 * kHour, 10 * kHour};
}

std::optional<QList<qint64>> RetryPolicy::parseSchedule(const QString &text, QString *error)
{
    static const QRegularExpression item(QStringLiteral(R"(^\s*(\d{1,9})\s*(ms|s|m|h)?\s*$)"));
    QList<qint64> delays;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const auto match = item.match(part);
        if (!match.hasMatch()) {
            *error = QStringLiteral("invalid retry schedule item \"%1\" (use e.g. 0,5s,5m,2h)").arg(part.trimmed());
            return std::nullopt;
        }
        const qint64 value = match.captured(1).toLongLong();
        const QString unit = match.captured(2);
        const qint64 scale = unit == QLatin1String("ms") ? 1
            : unit == QLatin1String("m")                 ? kMinute
            : unit == QLatin1String("h")                 ? kHour
                                                         : kSecond;
        delays.append(value * scale);
    }
    return delays;
}

std::optional<qint64> RetryPolicy::parseRetryAfterMs(const QByteArray &value, qint64 nowMs)
{
    bool isNumber = false;
    const qint64 seconds = value.trimmed().toLongLong(&isNumber);
    if (isNumber) // clamped first: a huge value must not overflow into a negative delay
        return seconds >= 0 ? std::optional<qint64>(std::min(seconds, kMaxRetryAfterMs / kSecond) * kSecond) : std::nullopt;
    const QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                                   QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return std::nullopt;
    QDateTime utc = date;
    utc.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, utc.toMSecsSinceEpoch() - nowMs);
}

std::optional<qint64> RetryPolicy::delayAfter(int attemptsMade, std::optional<qint64> retryAfterMs) const
{
    if (attemptsMade >= m_delaysMs.size())
        return std::nullopt;
    const qint64 base = m_delaysMs.at(attemptsMade);
    const double factor = 1.0 + m_jitter * (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0);
    qint64 delay = static_cast<qint64>(static_cast<double>(base) * factor);
    if (retryAfterMs)
        delay = std::max(delay, std::min(*retryAfterMs, kMaxRetryAfterMs));
    return delay;
}
