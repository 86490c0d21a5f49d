#include "ConcurrencyLimit.h"

#include <algorithm>

namespace {
// At least one slot, and a ceiling not below the floor, whatever the configuration says.
ConcurrencyLimit::Bounds sane(ConcurrencyLimit::Bounds bounds)
{
    bounds.floor = std::max(1, bounds.floor);
    bounds.ceiling = std::max(bounds.floor, bounds.ceiling);
    bounds.initial = std::clamp(bounds.initial, bounds.floor, bounds.ceiling);
    return bounds;
}
} // namespace

ConcurrencyLimit::ConcurrencyLimit(Bounds bounds)
    : m_bounds(sane(bounds))
    , m_limit(m_bounds.initial)
{
}

void ConcurrencyLimit::succeeded(qint64 durationMs, bool wasSaturated)
{
    // Only a limit that is actually reached says anything about needing a larger one.
    if (!wasSaturated || durationMs > kQuickAnswerMs || m_limit >= m_bounds.ceiling)
        return;
    if (++m_credit >= m_limit) {
        m_credit = 0;
        m_limit = m_slowStart ? std::min(m_bounds.ceiling, 2 * m_limit) : m_limit + 1;
    }
}

void ConcurrencyLimit::congested()
{
    m_limit = std::max(m_bounds.floor, m_limit / 2);
    m_credit = 0;
    m_slowStart = false;
}
