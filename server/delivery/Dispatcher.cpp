#include "Dispatcher.h"

#include "DeliveryStore.h"
#include "EnaVersion.h"
#include "Rfc3339.h"
#include "Signer.h"
#include "StoreError.h"

#include <QDebug>
#include <QSet>

namespace {
constexpr int kFlushDelayMs = 20;
constexpr int kFlushBatch = 500;
constexpr qint64 kMaxSleepMs = 60 * 1000;

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
    m_flushTimer.setSingleShot(true);
    connect(&m_pumpTimer, &QTimer::timeout, this, &Dispatcher::pump);
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
    QStringList aborted;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
        m_sender.abort(it->handle);
        aborted.append(it.key());
    }
    m_inFlight.clear();
    m_perEndpoint.clear();
    flush();
    try {
        m_store.release(aborted);
    } catch (const StoreError &error) {
        qWarning("could not release in-flight deliveries: %s", error.what());
    }
}

void Dispatcher::wake()
{
    if (m_running)
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
    wake();
}

QSet<QString> Dispatcher::saturatedEndpoints() const
{
    QSet<QString> full;
    for (auto it = m_perEndpoint.cbegin(); it != m_perEndpoint.cend(); ++it) {
        if (it.value() >= m_limits.maxInFlightPerEndpoint)
            full.insert(it.key());
    }
    return full;
}

void Dispatcher::pump()
{
    if (!m_running)
        return;
    try {
        while (inFlight() < m_limits.maxInFlight && startBatch()) {
        }
        scheduleNextWake();
    } catch (const StoreError &error) {
        qWarning("dispatcher could not read the outbox, trying again in a second: %s", error.what());
        m_pumpTimer.start(1000);
    }
}

bool Dispatcher::startBatch()
{
    const int room = std::min(m_limits.claimBatch, m_limits.maxInFlight - inFlight());
    const QList<DueDelivery> due = m_store.due(Rfc3339::nowMs(), room, saturatedEndpoints());
    QStringList started;
    for (const DueDelivery &delivery : due) {
        if (m_perEndpoint.value(delivery.endpointId) >= m_limits.maxInFlightPerEndpoint)
            continue;
        send(delivery);
        started.append(delivery.deliveryId);
    }
    m_store.markInFlight(started);
    return !started.isEmpty();
}

void Dispatcher::send(const DueDelivery &due)
{
    const QByteArray body = due.event.payload();
    const qint64 startedAt = Rfc3339::nowMs();
    const qint64 timestamp = startedAt / 1000;
    const QByteArray key = Signer::keyFromSecret(due.secret).value_or(QByteArray());
    OutboundRequest request;
    request.url = QUrl(due.url);
    request.body = body;
    request.timeoutMs = m_limits.timeoutMs;
    request.headers = {
        {"Content-Type", "application/json"},
        {"User-Agent", m_userAgent},
        {"webhook-id", due.deliveryId.toUtf8()},
        {"webhook-timestamp", QByteArray::number(timestamp)},
        {"webhook-signature", Signer::sign(key, due.deliveryId.toUtf8(), timestamp, body)},
    };
    const QString deliveryId = due.deliveryId;
    InFlight flight{0, due.endpointId, due.attemptCount, startedAt};
    flight.handle = m_sender.send(request, [this, deliveryId](const OutboundResult &result) { finish(deliveryId, result); });
    m_inFlight.insert(deliveryId, flight);
    ++m_perEndpoint[due.endpointId];
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
    m_finished.append(outcomeOf(deliveryId, flight, result));
    if (m_finished.size() >= kFlushBatch)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(kFlushDelayMs);
    // Refill the freed slot now rather than at the next flush: the finished row stays marked in
    // flight until it is recorded, so it cannot be picked again meanwhile. Waiting for the flush
    // timer capped one receiver at 16 deliveries per 20 ms.
    wake();
}

AttemptOutcome Dispatcher::outcomeOf(const QString &deliveryId, const InFlight &flight, const OutboundResult &result) const
{
    AttemptOutcome outcome;
    outcome.deliveryId = deliveryId;
    outcome.attempt.startedAtMs = flight.startedAtMs;
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
    wake();
}

void Dispatcher::scheduleNextWake()
{
    if (m_pumpTimer.isActive() || inFlight() >= m_limits.maxInFlight)
        return;
    const auto next = m_store.nextDueAtMs(saturatedEndpoints());
    if (!next)
        return;
    const qint64 wait = std::clamp<qint64>(*next - Rfc3339::nowMs(), 0, kMaxSleepMs);
    // Due now but every slot of its endpoint is busy: a finished attempt will wake us.
    if (wait == 0 && !m_inFlight.isEmpty())
        return;
    m_pumpTimer.start(static_cast<int>(wait));
}
