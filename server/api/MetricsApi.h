#pragma once

#include "Router.h"

class DeliveryStore;
class Dispatcher;
class Metrics;

// GET /metrics: the counters of Metrics plus gauges read now, in Prometheus text format.
// Admin token required unless the server runs with --metrics-public.
class MetricsApi
{
public:
    MetricsApi(const Metrics &metrics, DeliveryStore &deliveries, const Dispatcher &dispatcher, bool isPublic);
    void registerRoutes(Router &router);

private:
    ApiResponse scrape() const;

    const Metrics &m_metrics;
    DeliveryStore &m_deliveries;
    const Dispatcher &m_dispatcher;
    bool m_public;
};
