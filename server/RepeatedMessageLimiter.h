#pragma once

#include "MonotonicClock.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <QtGlobal>
#include <functional>

// Keeps one client from writing unbounded lines to the log: a message (same type, category and
// text) is let through at most maxPerWindow times per window; the rest are counted and reported
// as one "repeated N more times" line when that message next appears after its window. Qt's own
// warnings (a read on a closed socket, an unexpected WebSocket upgrade) can be triggered by any
// client as often as it likes.
class RepeatedMessageLimiter
{
public:
    using Clock = MonotonicClock;
    using Sink = std::function<void(QtMsgType, const QMessageLogContext &, const QString &)>;

    RepeatedMessageLimiter(Sink sink, int maxPerWindow = 10, qint64 windowMs = 60 * 1000, Clock clock = {});

    void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
    // Puts a limiter in front of the current Qt message handler, for the whole process. Idempotent.
    static void install();

private:
    struct Seen
    {
        qint64 windowStartMs = 0;
        int count = 0;
        int suppressed = 0;
    };

    Sink m_sink;
    int m_maxPerWindow;
    qint64 m_windowMs;
    Clock m_clock;
    QMutex m_mutex; // deliveries log from their own thread
    QHash<QString, Seen> m_seen;
};
