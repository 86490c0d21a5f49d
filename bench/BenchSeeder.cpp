#include "BenchSeeder.h"

#include "DeliveryStore.h"
#include "EndpointStore.h"
#include "Ids.h"
#include "Rfc3339.h"
#include "WriteTransaction.h"

#include <QDir>
#include <QRandomGenerator>

namespace {
constexpr int kBatch = 2000; // events per transaction: one commit per row would take hours
constexpr qint64 kSpanMs = 20LL * 24 * 3600 * 1000;
constexpr qint64 kFarAheadMs = 365LL * 24 * 3600 * 1000;

Event sampleEvent(qint64 createdAtMs, int n)
{
    return {Ids::eventIdAt(createdAtMs), QStringLiteral("survey.response.created"),
            R"({"survey_id":"srv_8f2k1","response_id":"rsp_)" + QByteArray::number(n) + R"(","score":9})",
            createdAtMs, false};
}

QList<Delivery> deliveriesFor(const QStringList &endpointIds, qint64 createdAtMs)
{
    QList<Delivery> deliveries;
    for (const QString &endpointId : endpointIds) {
        Delivery delivery;
        delivery.id = Ids::deliveryId();
        delivery.endpointId = endpointId;
        delivery.createdAtMs = createdAtMs;
        deliveries.append(delivery);
    }
    return deliveries;
}

AttemptOutcome outcomeFor(const Delivery &delivery)
{
    const int roll = QRandomGenerator::global()->bounded(100);
    AttemptOutcome outcome;
    outcome.deliveryId = delivery.id;
    outcome.attempt.startedAtMs = delivery.createdAtMs + 5;
    outcome.attempt.durationMs = 12;
    outcome.attempt.httpStatus = roll < 80 ? 200 : 503;
    outcome.attempt.error = roll < 80 ? QString() : QStringLiteral("receiver answered HTTP 503");
    outcome.attempt.responseBody = roll < 80 ? QByteArrayLiteral("ok") : QByteArrayLiteral("upstream unavailable");
    outcome.status = roll < 80 ? DeliveryStatus::Delivered : roll < 95 ? DeliveryStatus::Failed : DeliveryStatus::Pending;
    if (outcome.status == DeliveryStatus::Pending)
        outcome.nextAttemptAtMs = Rfc3339::nowMs() + kFarAheadMs;
    return outcome;
}
} // namespace

std::optional<QString> BenchSeeder::open(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return QStringLiteral("cannot create %1").arg(dataDir);
    if (auto error = m_db.open(QDir(dataDir).filePath(QStringLiteral("webhooks.sqlite"))))
        return error;
    // Seeding is not the thing measured: skip fsyncs and keep the indexes in memory.
    m_db.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    m_db.exec(QStringLiteral("PRAGMA cache_size=-262144"));
    return std::nullopt;
}

QStringList BenchSeeder::addEndpoints(int count, const QString &url)
{
    EndpointStore store(m_db);
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        Endpoint endpoint;
        endpoint.id = Ids::endpointId();
        endpoint.url = url;
        endpoint.events = {QStringLiteral("*")};
        endpoint.secret = Ids::endpointSecret();
        endpoint.createdAtMs = Rfc3339::nowMs();
        store.insert(endpoint);
        ids.append(endpoint.id);
    }
    return ids;
}

void BenchSeeder::addPending(const QStringList &endpointIds, int events)
{
    DeliveryStore store(m_db);
    const qint64 now = Rfc3339::nowMs();
    for (int first = 0; first < events; first += kBatch) {
        WriteTransaction transaction(m_db);
        for (int n = first; n < std::min(events, first + kBatch); ++n)
            store.addEvent(sampleEvent(now, n), deliveriesFor(endpointIds, now));
        transaction.commit();
    }
}

void BenchSeeder::addHistory(const QStringList &endpointIds, qint64 total)
{
    DeliveryStore store(m_db);
    const qint64 events = total / std::max<qsizetype>(1, endpointIds.size());
    const qint64 start = Rfc3339::nowMs() - kSpanMs;
    for (qint64 first = 0; first < events; first += kBatch) {
        WriteTransaction transaction(m_db);
        QList<AttemptOutcome> outcomes;
        for (qint64 n = first; n < std::min(events, first + kBatch); ++n) {
            const qint64 createdAt = start + n * kSpanMs / events;
            const QList<Delivery> deliveries = deliveriesFor(endpointIds, createdAt);
            store.addEvent(sampleEvent(createdAt, int(n)), deliveries);
            for (const Delivery &delivery : deliveries)
                outcomes.append(outcomeFor(delivery));
        }
        store.record(outcomes);
        transaction.commit();
    }
}
