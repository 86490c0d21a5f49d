#include "RepeatedMessageLimiter.h"

#include <cstdio>
#include <memory>

namespace {
// Distinct messages remembered; beyond it the oldest windows are forgotten first.
constexpr qsizetype kMaxRemembered = 512;
} // namespace

RepeatedMessageLimiter::RepeatedMessageLimiter(Sink sink, int maxPerWindow, qint64 windowMs, Clock clock)
    : m_sink(std::move(sink))
    , m_maxPerWindow(std::max(1, maxPerWindow))
    , m_windowMs(windowMs)
    , m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = systemMonotonicClock();
}

void RepeatedMessageLimiter::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtFatalMsg) {
        m_sink(type, context, message);
        return;
    }
    int reportSuppressed = 0;
    {
        const QMutexLocker lock(&m_mutex);
        const qint64 now = m_clock();
        const QString key = QString::number(type) + QLatin1Char(' ')
            + QLatin1String(context.category ? context.category : "") + QLatin1Char(' ') + message;
        if (m_seen.size() >= kMaxRemembered && !m_seen.contains(key)) {
            for (auto it = m_seen.begin(); it != m_seen.end();)
                it = it->windowStartMs + m_windowMs <= now ? m_seen.erase(it) : std::next(it);
            if (m_seen.size() >= kMaxRemembered)
                m_seen.erase(m_seen.begin());
        }
        Seen &seen = m_seen[key];
        if (seen.count == 0 || seen.windowStartMs + m_windowMs <= now) {
            reportSuppressed = seen.suppressed;
            seen = Seen{now, 0, 0};
        }
        if (++seen.count > m_maxPerWindow) {
            ++seen.suppressed;
            return;
        }
    }
    if (reportSuppressed > 0)
        m_sink(type, context, QStringLiteral("(the next message was repeated %1 more times and not logged)").arg(reportSuppressed));
    m_sink(type, context, message);
}

void RepeatedMessageLimiter::install()
{
    static QtMessageHandler previous = nullptr;
    static std::unique_ptr<RepeatedMessageLimiter> limiter;
    if (limiter)
        return;
    limiter = std::make_unique<RepeatedMessageLimiter>(
        [](QtMsgType type, const QMessageLogContext &context, const QString &message) {
            if (previous)
                previous(type, context, message);
            else
                fprintf(stderr, "%s\n", qUtf8Printable(qFormatLogMessage(type, context, message)));
        });
    previous = qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext &context, const QString &message) {
            limiter->handle(type, context, message);
        });
}
