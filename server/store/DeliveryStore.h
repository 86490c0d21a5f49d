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
#include <functional>
#include <optional>

class Database;

// The outbox and the delivery history: events, deliveries and their attempts.
class DeliveryStore
{
public:
    explicit DeliveryStore(Database &db) : m_db(db) {}

    // The event and one pending delivery per entry of deliveries, in one transaction; those to
    // endpoints in claimedFor are stored already in flight (the dispatcher took them at once).
    // Returns the rows' seq, in the order of deliveries.
    QList<qint64> addEvent(const Event &event, const QList<Delivery> &deliveries, const QSet<QString> &claimedFor = {});
    void afterCommit(std::function<void()> action);

    DeliveryPage list(const DeliveryQuery &query);
    std::optional<Delivery> find(const QString &endpointId, const QString &deliveryId);
    // Makes a failed or pending delivery due now. False if it does not exist or was delivered.
    bool requeue(const QString &deliveryId, qint64 nowMs);

    // Up to limit due deliveries of enabled endpoints not in skipEndpoints, oldest due first,
    // marked in flight so no later claim returns them until they are recorded or released.
    QList<DueDelivery> claim(qint64 nowMs, int limit, const QSet<QString> &skipEndpoints);
    // When the next delivery of an enabled endpoint not in skipEndpoints falls due.
    std::optional<qint64> nextDueAtMs(const QSet<QString> &skipEndpoints);
    // After a crash or a stop, nothing is in flight any more.
    void releaseAllInFlight();
    void release(const QStringList &deliveryIds);
    void record(const QList<AttemptOutcome> &outcomes);

    // Deletes finished deliveries created before beforeMs and events nothing refers to.
    int prune(qint64 beforeMs);
    qint64 pendingCount();

private:
    QList<Attempt> attemptsOf(const QString &deliveryId);

    Database &m_db;
};
