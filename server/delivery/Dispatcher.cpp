#include "Dispatcher.h"

#include "DeliveryStore.h"
#include "EnaVersion.h"
#include "Rfc3339.h"
#include "Signer.h"
#include "SigningKey.h"
#include "StoreError.h"

#include <QDebug>
#include <QSet>

#include <algorithm>

namespace {
constexpr int kFlushDelayMs = 10;
constexpr int kFlushBatch = 96;
constexpr qint64 kMaxSleepMs = 60 * 1000;
// Requests handed to the sender per endpoint, as a multiple of what may run at once: the rest
// wait on the transfer thread and start there the moment a slot frees, while this thread may be
// claiming or recording for a millisecond.
constexpr int kSubmittedPerSlot = 4;
// An endpoint with this many times its limit claimed (handed to the sender or queued here) has
// enough for now: claims leave it out until it is down to one round fewer.
constexpr int kClaimedPerSlot = kSubmittedPerSlot + 2;

bool isSuccess(const OutboundResult &result)
{
    return result.httpStatus && *result.httpStatus >= 200 && *result.httpStatus < 300;
}

QString failureReason(const OutboundResult &result)
{
    if (!result.httpStatus)
        return result.error;
    const int status = *result.httpStatus;
    if (status >= 300 && status < 400)
        return QStringLiteral("receiver answered HTTP %1; redirects are not followed").arg(status);
    if (status == 410)
        return QStringLiteral("receiver answered HTTP 410 Gone; not retrying");
    return QStringLiteral("receiver answered HTTP %1").arg(status);
}
} // namespace

Dispatcher::Dispatcher(DeliveryStore &store, HttpSender &sender, RetryPolicy policy, Limits limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sender(sender)
    , m_policy(std::move(policy))
    , m_limits(limits)
    , m_userAgent(QByteArrayLiteral("ENA-Webhooks/" ENA_WEBHOOKS_VERSION))
{
    m_pumpTimer.setSingleShot(true);
    m_dueTimer.setSingleShot(true);
    m_flushTimer.setSingleShot(true);
    connect(&m_pumpTimer, &QTimer::timeout, this, &Dispatcher::pump);
    connect(&m_dueTimer, &QTimer::timeout, this, &Dispatcher::wake);
    connect(&m_flushTimer, &QTimer::timeout, this, &Dispatcher::flush);
}

Dispatcher::~Dispatcher()
{
    stop();
}

void Dispatcher::start()
{
    m_store.releaseAllInFlight();
    m_running = true;
    wake();
}

void Dispatcher::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_pumpTimer.stop();
    m_dueTimer.stop();
    QStringList released;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
        m_sender.abort(it->handle);
        released.append(it.key());
    }
    m_inFlight.clear();
    m_perEndpoint.clear();
    released += std::exchange(m_toRelease, {});
    for (const QString &endpointId : m_ready.keys())
        dropQueue(endpointId, released);
    flush();
    releaseToOutbox(released);
}

void Dispatcher::releaseToOutbox(const QStringList &deliveryIds)
{
    try {
        m_store.release(deliveryIds);
    } catch (const StoreError &error) {
        // Still marked in flight, so no claim finds them: tried again at the next pump (and at
        // the latest released by the next start, which releases everything in flight).
        qWarning("could not give %lld deliveries back to the outbox, trying again: %s",
                 static_cast<long long>(deliveryIds.size()), error.what());
        m_toRelease += deliveryIds;
    }
}

void Dispatcher::wake()
{
    m_claimWanted = true;
    schedulePump();
}

void Dispatcher::schedulePump()
{
    if (m_running && !m_pumpTimer.isActive())
        m_pumpTimer.start(0);
}

void Dispatcher::endpointRemoved(const QString &endpointId)
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it->endpointId == endpointId) {
            m_sender.abort(it->handle);
            it = m_inFlight.erase(it);
        } else {
            ++it;
        }
    }
    m_perEndpoint.remove(endpointId);
    m_targets.remove(endpointId);
    m_concurrency.remove(endpointId);
    QStringList gone; // its rows are deleted with it: nothing to release
    dropQueue(endpointId, gone);
    wake();
}

void Dispatcher::endpointChanged(const QString &endpointId)
{
    // Queued rows carry the URL and secret they were claimed with, and a disabled endpoint must
    // not get them: give them back to the outbox, and take back those still waiting in the
    // sender's lane (they come back through finish()). What has started finishes as it began.
    m_sender.withdraw(endpointId);
    QStringList released;
    dropQueue(endpointId, released);
    m_targets.remove(endpointId);
    m_concurrency.remove(endpointId); // another URL may be another receiver
    releaseToOutbox(released);
    wake();
}

bool Dispatcher::takesAtOnce(const QString &endpointId) const
{
    return m_running && m_targets.contains(endpointId) && claimedFor(endpointId) < kClaimedPerSlot * limitFor(endpointId)
           && inFlight() + m_readyCount < m_limits.maxClaimed;
}

void Dispatcher::take(const QList<DueDelivery> &deliveries)
{
    QStringList orphans;
    for (DueDelivery due : deliveries) {
        const auto target = m_targets.constFind(due.endpointId);
        if (!m_running || target == m_targets.cend()) {
            orphans.append(due.deliveryId); // changed since takesAtOnce(): back to the outbox
            continue;
        }
        due.url = target->url;
        due.secret = target->secret;
        m_ready[due.endpointId].append(due);
        ++m_readyCount;
    }
    if (!orphans.isEmpty()) {
        releaseToOutbox(orphans);
        wake();
    }
    schedulePump();
}

void Dispatcher::dropQueue(const QString &endpointId, QStringList &released)
{
    const QList<DueDelivery> queued = m_ready.take(endpointId);
    m_readyCount -= int(queued.size());
    for (const DueDelivery &due : queued)
        released.append(due.deliveryId);
}

int Dispatcher::queuedFor(const QString &endpointId) const
{
    const auto queued = m_ready.constFind(endpointId);
    return queued == m_ready.cend() ? 0 : int(queued->size());
}

int Dispatcher::claimedFor(const QString &endpointId) const
{
    return m_perEndpoint.value(endpointId) + queuedFor(endpointId);
}

QSet<QString> Dispatcher::saturatedEndpoints() const
{
    QSet<QString> full;
    // Claimed enough for several rounds at its current concurrency: claim for others first.
    for (auto it = m_perEndpoint.cbegin(); it != m_perEndpoint.cend(); ++it) {
        if (claimedFor(it.key()) >= kClaimedPerSlot * limitFor(it.key()))
            full.insert(it.key());
    }
    for (auto it = m_ready.cbegin(); it != m_ready.cend(); ++it) {
        if (claimedFor(it.key()) >= kClaimedPerSlot * limitFor(it.key()))
            full.insert(it.key());
    }
    return full;
}

int Dispatcher::limitFor(const QString &endpointId) const
{
    const auto limit = m_concurrency.constFind(endpointId);
    return limit == m_concurrency.cend() ? ConcurrencyLimit(m_limits.perEndpoint).value() : limit->value();
}

void Dispatcher::adapt(const InFlight &flight, const OutboundResult &result)
{
    auto limit = m_concurrency.find(flight.endpointId);
    if (limit == m_concurrency.end())
        limit = m_concurrency.insert(flight.endpointId, ConcurrencyLimit(m_limits.perEndpoint));
    const int before = limit->value();
    const int status = result.httpStatus.value_or(0);
    if (!result.httpStatus || status == 429 || status >= 500)
        limit->congested();
    else if (isSuccess(result)) {
        // Deliveries waiting for a slot mean the limit held the endpoint back. Answers arrive in
        // batches that are all taken before the freed slots are refilled, so counting only those
        // with every slot busy at that moment would see one answer per batch.
        const bool heldBack = queuedFor(flight.endpointId) > 0
                              || m_perEndpoint.value(flight.endpointId) >= limit->value();
        limit->succeeded(result.durationMs, heldBack);
    }
    // Requests already waiting in the sender's lane start by the new limit, too.
    if (limit->value() != before)
        m_sender.setLaneLimit(flight.endpointId, limit->value());
}

void Dispatcher::pump()
{
    if (!m_running)
        return;
    // Freed slots are refilled from memory before any database work, so receivers have requests
    // in flight while outcomes are written and the next rows claimed: work done the other way
    // round left the sender idle for the length of every batch.
    startReady();
    if (m_finished.size() >= kFlushBatch)
        flush();
    releaseToOutbox(std::exchange(m_toRelease, {}));
    try {
        if (claimWanted()) {
            claimDue();
            startReady();
        }
    } catch (const StoreError &error) {
        qWarning("dispatcher could not read the outbox, trying again in a second: %s", error.what());
        m_dueTimer.start(1000);
    }
}

// Claiming is a write transaction, so it happens when there may be something to claim, not on
// every finished request: after a wake, while the last claim was cut short by its limit, or when
// an endpoint left out as saturated (by the last claim or the due time after it) is running low.
bool Dispatcher::claimWanted() const
{
    if (inFlight() + m_readyCount + m_limits.claimBatch / 2 > m_limits.maxClaimed)
        return false;
    if (m_claimWanted || m_lastClaimFull)
        return true;
    for (const QString &endpointId : m_skippedAtClaim) {
        if (claimedFor(endpointId) < (kClaimedPerSlot - 1) * limitFor(endpointId))
            return true;
    }
    return false;
}

void Dispatcher::claimDue()
{
    m_claimWanted = false;
    const QSet<QString> skip = saturatedEndpoints();
    const int room = std::min(m_limits.claimBatch, m_limits.maxClaimed - inFlight() - m_readyCount);
    const QList<DueDelivery> claimed = m_store.claim(Rfc3339::nowMs(), room, skip);
    for (const DueDelivery &due : claimed)
        m_ready[due.endpointId].append(due);
    m_readyCount += int(claimed.size());
    m_lastClaimFull = claimed.size() >= room;
    m_skippedAtClaim = skip;
    if (!m_lastClaimFull)
        scheduleNextWake();
}

// Two budgets: requests that run at once (maxInFlight, in all), and requests waiting in the
// sender's lane behind them (as many again), so that one endpoint's waiting requests never take
// the running slots another endpoint is entitled to.
void Dispatcher::startReady()
{
    int running = 0;
    int waiting = 0;
    for (auto it = m_perEndpoint.cbegin(); it != m_perEndpoint.cend(); ++it) {
        const int limit = limitFor(it.key());
        running += std::min(it.value(), limit);
        waiting += std::max(it.value() - limit, 0);
    }
    for (auto it = m_ready.begin(); it != m_ready.end();) {
        QList<DueDelivery> &queue = it.value();
        const int limit = limitFor(it.key());
        int &submitted = m_perEndpoint[it.key()];
        const int toRun = std::clamp(std::min(limit - submitted, m_limits.maxInFlight - running), 0, int(queue.size()));
        running += toRun;
        int toWait = 0;
        if (submitted + toRun >= limit) { // else the lane starts everything it gets at once
            const int alreadyWaiting = std::max(submitted - limit, 0);
            toWait = std::clamp(std::min((kSubmittedPerSlot - 1) * limit - alreadyWaiting, m_limits.maxInFlight - waiting),
                                0, int(queue.size()) - toRun);
            waiting += toWait;
        }
        const int count = toRun + toWait;
        for (int i = 0; i < count; ++i)
            send(queue[i], limit);
        submitted += count;
        queue.remove(0, count);
        m_readyCount -= count;
        if (submitted == 0)
            m_perEndpoint.remove(it.key());
        it = queue.isEmpty() ? m_ready.erase(it) : std::next(it);
    }
}

const Dispatcher::Target &Dispatcher::targetFor(const DueDelivery &due)
{
    Target &target = m_targets[due.endpointId];
    if (!target.key || target.url != due.url || target.secret != due.secret) {
        target.url = due.url;
        target.secret = due.secret;
        target.parsedUrl = QUrl(due.url);
        target.key = std::make_shared<SigningKey>(Signer::keyFromSecret(due.secret).value_or(QByteArray()));
    }
    return target;
}

void Dispatcher::send(const DueDelivery &due, int laneLimit)
{
    const Target &target = targetFor(due);
    const qint64 submittedAt = Rfc3339::nowMs();
    const qint64 timestamp = submittedAt / 1000;
    const QByteArray webhookId = due.deliveryId.toUtf8();
    OutboundRequest request;
    request.url = target.parsedUrl;
    request.body = due.payload;
    request.timeoutMs = m_limits.timeoutMs;
    request.lane = due.endpointId;
    request.laneLimit = laneLimit;
    // Literals: names built from char pointers were five allocations per delivery.
    request.headers = {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("User-Agent"), m_userAgent},
        {QByteArrayLiteral("webhook-id"), webhookId},
        {QByteArrayLiteral("webhook-timestamp"), QByteArray::number(timestamp)},
        {QByteArrayLiteral("webhook-signature"), target.key->sign(webhookId, timestamp, due.payload)},
    };
    const QString deliveryId = due.deliveryId;
    InFlight flight{0, due.endpointId, due.seq, due.attemptCount, submittedAt};
    flight.handle = m_sender.send(request, [this, deliveryId](const OutboundResult &result) { finish(deliveryId, result); });
    m_inFlight.insert(deliveryId, flight);
}

void Dispatcher::finish(const QString &deliveryId, const OutboundResult &result)
{
    const auto it = m_inFlight.constFind(deliveryId);
    if (it == m_inFlight.cend())
        return;
    const InFlight flight = *it;
    m_inFlight.erase(it);
    if (--m_perEndpoint[flight.endpointId] <= 0)
        m_perEndpoint.remove(flight.endpointId);
    if (result.withdrawn) {
        m_toRelease.append(deliveryId); // never sent: back to the outbox at the next pump
        wake();
        return;
    }
    adapt(flight, result);
    m_finished.append(outcomeOf(deliveryId, flight, result));
    if (!m_flushTimer.isActive())
        m_flushTimer.start(kFlushDelayMs);
    // Refill the freed slot at the next turn of the loop rather than at the next flush: the
    // finished row stays marked in flight until it is recorded, so it cannot be picked again
    // meanwhile. Waiting for the flush timer capped one receiver at 16 deliveries per 20 ms.
    schedulePump();
}

AttemptOutcome Dispatcher::outcomeOf(const QString &deliveryId, const InFlight &flight, const OutboundResult &result) const
{
    AttemptOutcome outcome;
    outcome.deliveryId = deliveryId;
    outcome.deliverySeq = flight.seq;
    outcome.attempt.number = flight.attemptCount + 1;
    outcome.attempt.startedAtMs = flight.submittedAtMs + result.waitedMs;
    outcome.attempt.durationMs = result.durationMs;
    outcome.attempt.httpStatus = result.httpStatus;
    outcome.attempt.responseBody = result.body.left(4096);
    if (isSuccess(result)) {
        outcome.status = DeliveryStatus::Delivered;
        return outcome;
    }
    outcome.attempt.error = failureReason(result);
    const int status = result.httpStatus.value_or(0);
    std::optional<qint64> retryAfter;
    if ((status == 429 || status == 503) && result.retryAfter)
        retryAfter = RetryPolicy::parseRetryAfterMs(*result.retryAfter, Rfc3339::nowMs());
    const auto delay = status == 410 ? std::nullopt : m_policy.delayAfter(flight.attemptCount + 1, retryAfter);
    if (delay) {
        outcome.status = DeliveryStatus::Pending;
        outcome.nextAttemptAtMs = Rfc3339::nowMs() + *delay;
    } else {
        outcome.status = DeliveryStatus::Failed;
    }
    return outcome;
}

void Dispatcher::flush()
{
    m_flushTimer.stop();
    if (m_finished.isEmpty())
        return;
    const QList<AttemptOutcome> batch = std::exchange(m_finished, {});
    try {
        m_store.record(batch);
    } catch (const StoreError &error) {
        // Keep them and try again: losing an outcome would only mean sending once more, but
        // keeping the rows marked in flight would stall them until a restart.
        qWarning("could not record %lld delivery attempts, retrying: %s", static_cast<long long>(batch.size()), error.what());
        m_finished = batch + m_finished;
        m_flushTimer.start(1000);
        return;
    }
    emit attemptsRecorded(batch);
    emit outcomesRecorded(static_cast<int>(batch.size()));
    // Only a retry makes a recorded row due again; endpoints whose rows were left out of the
    // next due time are claimed for again as they run low (claimWanted). Waking after every
    // write made a drain to one saturated endpoint claim, and find nothing, after each batch.
    const bool retries = std::any_of(batch.cbegin(), batch.cend(),
                                     [](const AttemptOutcome &outcome) { return outcome.status == DeliveryStatus::Pending; });
    if (retries)
        wake();
}

void Dispatcher::scheduleNextWake()
{
    // The due time below leaves out saturated endpoints, so their rows must be looked for again
    // when they run low, even those that only became saturated with this claim.
    const QSet<QString> saturated = saturatedEndpoints();
    m_skippedAtClaim.unite(saturated);
    const auto next = m_store.nextDueAtMs(saturated);
    if (!next) {
        m_dueTimer.stop();
        return;
    }
    // Due already (it fell due since the claim): claim again at the next turn of the loop.
    m_dueTimer.start(static_cast<int>(std::clamp<qint64>(*next - Rfc3339::nowMs(), 0, kMaxSleepMs)));
}
