#pragma once

#include "Database.h"
#include "DeliveryStatus.h"

#include <QString>

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

private:
    Database m_db;
};
