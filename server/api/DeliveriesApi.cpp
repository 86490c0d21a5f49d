#include "DeliveriesApi.h"

#include "ApiError.h"
#include "DeliveryStore.h"
#include "EndpointStore.h"
#include "EndpointsApi.h"
#include "EventCatalog.h"
#include "EventPublisher.h"
#include "JsonFieldReader.h"
#include "QueryParameters.h"
#include "Rfc3339.h"

#include <QJsonArray>

namespace {
const QString kBase = QStringLiteral("/api/integrations/webhooks/:id");
} // namespace

DeliveriesApi::DeliveriesApi(EndpointStore &endpoints, DeliveryStore &deliveries, const EventCatalog &catalog,
                             EventPublisher &publisher, std::function<void()> onRequeued)
    : m_endpoints(endpoints)
    , m_deliveries(deliveries)
    , m_catalog(catalog)
    , m_publisher(publisher)
    , m_onRequeued(std::move(onRequeued))
{
}

void DeliveriesApi::registerRoutes(Router &router)
{
    using A = Router::Access;
    router.add("GET", kBase + QStringLiteral("/deliveries"), A::Admin, listInput(),
               [this](const ApiRequest &r) { return list(r); });
    router.add("GET", kBase + QStringLiteral("/deliveries/:delivery_id"), A::Admin, {},
               [this](const ApiRequest &r) { return get(r); });
    router.add("POST", kBase + QStringLiteral("/deliveries/:delivery_id/retry"), A::Admin, {},
               [this](const ApiRequest &r) { return retry(r); });
    router.add("POST", kBase + QStringLiteral("/test"), A::Admin, RouteInput::jsonBody(),
               [this](const ApiRequest &r) { return test(r); });
}

RouteInput DeliveriesApi::listInput()
{
    return RouteInput::query({QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("status"),
                              QStringLiteral("page"), QStringLiteral("per_page")});
}

DeliveryQuery DeliveriesApi::parseQuery(const QString &endpointId, const QueryParameters &parameters)
{
    DeliveryQuery result;
    result.endpointId = endpointId;
    const QueryParameters::TimeWindow window = parameters.timeWindow();
    result.fromMs = window.fromMs;
    result.toMs = window.toMs;
    if (const auto status = parameters.text(QStringLiteral("status"))) {
        result.status = deliveryStatusFromString(*status);
        if (!result.status)
            throw ApiError::unprocessable(QStringLiteral("parameter \"status\" must be delivered, failed or pending, not \"%1\"").arg(*status));
    }
    result.page = parameters.page();
    result.perPage = parameters.perPage();
    return result;
}

Endpoint DeliveriesApi::endpointOf(const ApiRequest &request)
{
    const QString id = request.param(QStringLiteral("id"));
    auto endpoint = m_endpoints.find(id);
    if (!endpoint)
        throw EndpointsApi::notFound(id);
    return *endpoint;
}

Delivery DeliveriesApi::deliveryOf(const Endpoint &endpoint, const ApiRequest &request)
{
    const QString deliveryId = request.param(QStringLiteral("delivery_id"));
    auto delivery = m_deliveries.find(endpoint.id, deliveryId);
    if (!delivery)
        throw ApiError::notFound(QStringLiteral("no delivery with id \"%1\" for endpoint \"%2\"").arg(deliveryId, endpoint.id));
    return *delivery;
}

ApiResponse DeliveriesApi::list(const ApiRequest &request)
{
    const Endpoint endpoint = endpointOf(request);
    const QueryParameters parameters(request.query);
    const DeliveryPage page = m_deliveries.list(parseQuery(endpoint.id, parameters));
    parameters.requirePageWithin(page.total);
    QJsonArray data;
    for (const Delivery &delivery : page.items)
        data.append(delivery.toJson());
    return ApiResponse::json(200, {{QStringLiteral("data"), data}, {QStringLiteral("meta"), parameters.pageMeta(page.total)}});
}

ApiResponse DeliveriesApi::get(const ApiRequest &request)
{
    const Endpoint endpoint = endpointOf(request);
    return ApiResponse::json(200, deliveryOf(endpoint, request).toJsonWithAttempts());
}

ApiResponse DeliveriesApi::retry(const ApiRequest &request)
{
    const Endpoint endpoint = endpointOf(request);
    const Delivery delivery = deliveryOf(endpoint, request);
    const QString &deliveryId = delivery.id;
    if (delivery.status == DeliveryStatus::Delivered)
        throw ApiError::conflict(QStringLiteral("delivery \"%1\" was already delivered; only failed or pending deliveries can be retried").arg(deliveryId));
    if (!endpoint.enabled)
        throw ApiError::conflict(QStringLiteral("endpoint \"%1\" is disabled; enable it before retrying its deliveries").arg(endpoint.id));
    m_deliveries.requeue(deliveryId, Rfc3339::nowMs());
    m_onRequeued();
    return ApiResponse::json(202, m_deliveries.find(endpoint.id, deliveryId)->toJson());
}

ApiResponse DeliveriesApi::test(const ApiRequest &request)
{
    const Endpoint endpoint = endpointOf(request);
    const JsonFieldReader body(request.jsonObject(), {QStringLiteral("event")});
    const QString eventName = body.requiredString(QStringLiteral("event"));
    const auto type = m_catalog.find(eventName);
    if (!type)
        throw ApiError::unprocessable(QStringLiteral("field \"event\": unknown event type \"%1\"; valid event types: %2")
                                          .arg(eventName, m_catalog.names().join(QStringLiteral(", "))));
    if (!endpoint.enabled)
        throw ApiError::conflict(QStringLiteral("endpoint \"%1\" is disabled; enable it before sending a test event").arg(endpoint.id));
    const EventPublisher::Result result = m_publisher.publishTest(endpoint, type->name, type->sample);
    return ApiResponse::json(202, result.deliveries.first().toJson());
}
