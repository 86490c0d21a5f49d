#pragma once

#include "AttemptOutcome.h"
#include "Delivery.h"
#include "DeliveryPage.h"
#include "DeliveryQuery.h"
#include "DueDelivery.h"
#include "Event.h"

#include <QList>
#include <QSet>
#include <QStringList>
#include <optional>

class Database;

// The outbox and the delivery history: events, deliveries and their attempts.
class DeliveryStore
{
public:
    explicit DeliveryStore(Database &db) : m_db(db) {}

    // The event and one pending delivery per entry of deliveries, in one transaction.
    void addEvent(const Event &event, const QList<Delivery> &deliveries);

    DeliveryPage list(const DeliveryQuery &query);
    std::optional<Delivery> find(const QString &endpointId, const QString &deliveryId);
    // Makes a failed or pending delivery due now. False if it does not exist or was delivered.
    bool requeue(const QString &deliveryId, qint64 nowMs);

    // Due deliveries of enabled endpoints not yet in flight, oldest due first.
    QList<DueDelivery> due(qint64 nowMs, int limit, const QSet<QString> &skipEndpoints);
    std::optional<qint64> nextDueAtMs(const QSet<QString> &skipEndpoints);
    void markInFlight(const QStringList &deliveryIds);
    // After a crash or a stop, nothing is in flight any more.
    void releaseAllInFlight();
    void release(const QStringList &deliveryIds);
    void record(const QList<AttemptOutcome> &outcomes);

    // Deletes finished deliveries created before beforeMs and events nothing refers to.
    int prune(qint64 beforeMs);
    qint64 pendingCount();

private:
    QList<Attempt> attemptsOf(const QString &deliveryId);
    void setInFlight(const QStringList &deliveryIds, bool inFlight);

    Database &m_db;
};
