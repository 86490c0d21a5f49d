#pragma once

#include "Database.h"

#include <QString>
#include <QStringList>

// Fills a server's data directory for the benchmarks through the server's own stores
// (EndpointStore, DeliveryStore), so the rows are exactly what the server would write.
class BenchSeeder
{
public:
    // Opens (or creates) <dataDir>/webhooks.sqlite; returns an error text on failure.
    std::optional<QString> open(const QString &dataDir);

    // count endpoints to url, subscribed to every event. Returns their ids.
    QStringList addEndpoints(int count, const QString &url);
    // events events, each with one delivery per endpoint, due now.
    void addPending(const QStringList &endpointIds, int events);
    // About total finished history rows spread evenly over the endpoints and the last 20 days:
    // 80% delivered, 15% failed, 5% pending with a retry far ahead; one attempt each.
    void addHistory(const QStringList &endpointIds, qint64 total);

private:
    Database m_db;
};
