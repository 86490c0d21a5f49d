#include "ConcurrencyLimit.h"

#include <algorithm>

ConcurrencyLimit::ConcurrencyLimit(Bounds bounds)
    : m_bounds(bounds)
    , m_limit(std::clamp(bounds.initial, bounds.floor, bounds.ceiling))
{
}

void ConcurrencyLimit::succeeded(qint64 durationMs, bool wasSaturated)
{
    // Only a limit that is actually reached says anything about needing a larger one.
    if (!wasSaturated || durationMs > kQuickAnswerMs || m_limit >= m_bounds.ceiling)
        return;
    if (++m_credit >= m_limit) {
        m_credit = 0;
        ++m_limit;
    }
}

void ConcurrencyLimit::congested()
{
    m_limit = std::max(m_bounds.floor, m_limit / 2);
    m_credit = 0;
}
