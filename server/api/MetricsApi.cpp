#include "MetricsApi.h"

#include "DeliveryStore.h"
#include "Dispatcher.h"
#include "Metrics.h"

MetricsApi::MetricsApi(const Metrics &metrics, DeliveryStore &deliveries, const Dispatcher &dispatcher, bool isPublic)
    : m_metrics(metrics)
    , m_deliveries(deliveries)
    , m_dispatcher(dispatcher)
    , m_public(isPublic)
{
}

void MetricsApi::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/metrics"), m_public ? Router::Access::Public : Router::Access::Admin, {},
               [this](const ApiRequest &) { return scrape(); });
}

ApiResponse MetricsApi::scrape() const
{
    const QList<Metrics::Gauge> gauges{
        {"ena_webhooks_delivery_queue_depth", "Deliveries waiting for an attempt (status pending, in flight included).",
         static_cast<double>(m_deliveries.pendingCount())},
        {"ena_webhooks_deliveries_in_flight", "Delivery attempts being sent right now.",
         static_cast<double>(m_dispatcher.inFlight())},
    };
    ApiResponse response;
    response.status = 200;
    response.contentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
    response.body = m_metrics.render(gauges);
    return response;
}
