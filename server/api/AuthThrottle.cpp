#include "AuthThrottle.h"

namespace {
constexpr qsizetype kPruneAbove = 4096;
} // namespace

AuthThrottle::AuthThrottle(int maxFailures, qint64 windowMs, Clock clock)
    : m_maxFailures(std::max(1, maxFailures))
    , m_windowMs(windowMs)
    , m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = systemMonotonicClock();
}

QHostAddress AuthThrottle::keyOf(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4); // 1.2.3.4 and ::ffff:1.2.3.4 are one client
    // One IPv6 client usually holds a whole /64.
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes);
}

qint64 AuthThrottle::retryAfterSeconds(const QHostAddress &address)
{
    const auto it = m_failures.constFind(keyOf(address));
    if (it == m_failures.cend() || it->size() < m_maxFailures)
        return 0;
    const qint64 waitMs = it->first() + m_windowMs - m_clock();
    return waitMs <= 0 ? 0 : (waitMs + 999) / 1000;
}

void AuthThrottle::recordFailure(const QHostAddress &address)
{
    const qint64 now = m_clock();
    if (m_failures.size() > kPruneAbove)
        forgetExpired(now);
    QList<qint64> &times = m_failures[keyOf(address)];
    while (!times.isEmpty() && (times.first() + m_windowMs <= now || times.size() >= m_maxFailures))
        times.removeFirst();
    times.append(now);
}

void AuthThrottle::forgetExpired(qint64 now)
{
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        if (it->isEmpty() || it->last() + m_windowMs <= now)
            it = m_failures.erase(it);
        else
            ++it;
    }
}
