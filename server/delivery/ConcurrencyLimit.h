#pragma once

#include <QtGlobal>

// How many attempts one endpoint may have in flight, adjusted as it answers, the way TCP
// adjusts its window: while the limit holds the endpoint back and answers come back quickly,
// each round of answers doubles it until the first sign of overload (slow start) and adds one
// slot after that, up to the ceiling; a timeout, a failed connection, 429 or a 5xx halves it,
// down to the floor. A fast receiver gets the parallelism it can take within a few rounds, a
// hanging or struggling one holds few of the dispatcher's slots.
class ConcurrencyLimit
{
public:
    struct Bounds
    {
        int initial = 16;
        int floor = 2;
        int ceiling = 64;
    };
    static constexpr qint64 kQuickAnswerMs = 1000;

    explicit ConcurrencyLimit(Bounds bounds);

    int value() const { return m_limit; }
    // A 2xx answer; wasSaturated: the limit was holding the endpoint back (all slots busy, or
    // deliveries waiting for one).
    void succeeded(qint64 durationMs, bool wasSaturated);
    // A sign of overload: no answer in time, no connection, 429 or 5xx.
    void congested();

private:
    Bounds m_bounds;
    int m_limit;
    int m_credit = 0;         // quick answers while saturated since the last increase
    bool m_slowStart = true;  // no overload seen yet: grow by doubling
};
