#pragma once

#include "MonotonicClock.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <functional>

// Slows token guessing: an address (an IPv6 /64) that sent maxFailures wrong tokens within
// windowMs is refused, whatever token it sends, until the oldest of those failures leaves the
// window. Other addresses are unaffected.
class AuthThrottle
{
public:
    using Clock = MonotonicClock;

    AuthThrottle(int maxFailures = 10, qint64 windowMs = 60 * 1000, Clock clock = {});

    // Whole seconds until address may try again (for Retry-After); 0 when it may now.
    qint64 retryAfterSeconds(const QHostAddress &address);
    void recordFailure(const QHostAddress &address);

private:
    static QHostAddress keyOf(const QHostAddress &address);
    void forgetExpired(qint64 now);

    int m_maxFailures;
    qint64 m_windowMs;
    Clock m_clock;
    QHash<QHostAddress, QList<qint64>> m_failures; // per key, the latest failure times, oldest first
};
