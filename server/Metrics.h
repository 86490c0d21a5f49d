#pragma once

#include "AttemptOutcome.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <array>
#include <tuple>

// Counters behind GET /metrics, rendered in the Prometheus text format (version 0.0.4). Fed by
// ApiGateway (one call per answered request) and Dispatcher (one call per recorded attempt);
// everything runs on the server's thread, so no locking.
class Metrics
{
public:
    // Values read at scrape time (queue depth, requests in flight).
    struct Gauge
    {
        QByteArray name;
        QByteArray help;
        double value = 0;
    };

    // route: the matched pattern ("/api/x/:id"), never the raw path, so labels stay few.
    void countRequest(const QByteArray &method, const QString &route, int status);
    void countAttempt(const AttemptOutcome &outcome);
    QByteArray render(const QList<Gauge> &gauges) const;

    static constexpr std::array<double, 12> kLatencyBucketsSeconds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                                   0.5, 1, 2.5, 5, 10, 30};

private:
    void renderRequests(QByteArray &out) const;
    void renderDeliveries(QByteArray &out) const;
    void renderLatency(QByteArray &out) const;

    QMap<std::tuple<QByteArray, QString, int>, quint64> m_requests; // by method, route, status
    quint64 m_delivered = 0;
    quint64 m_retrying = 0;
    quint64 m_failed = 0;
    std::array<quint64, kLatencyBucketsSeconds.size()> m_latencyBuckets{}; // not cumulative
    quint64 m_latencyCount = 0;
    double m_latencySumSeconds = 0;
};
