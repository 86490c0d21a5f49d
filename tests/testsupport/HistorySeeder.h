#pragma once

#include "Database.h"
#include "DeliveryStatus.h"

#include <QString>
#include <QStringList>

// Writes delivery history straight into a server's database file (a second SQLite connection,
// as WAL allows), so tests can control creation times and outcomes exactly.
class HistorySeeder
{
public:
    explicit HistorySeeder(const QString &dataDir);

    // One event and its delivery to endpointId, created at createdAtMs, ending in status after
    // attempts attempts (the last answered httpStatus). Returns the delivery id.
    QString addDelivery(const QString &endpointId, qint64 createdAtMs, DeliveryStatus status, int attempts = 1,
                        int httpStatus = 200);
    qint64 countDeliveries(const QString &endpointId);
    // An event that went to nobody, stored with the given id (0.1.0 made random ones).
    void addLoneEvent(const QString &eventId, qint64 createdAtMs);
    QString eventOf(const QString &deliveryId);
    // Every event id in the file, in id order.
    QStringList eventIds();

private:
    Database m_db;
};
