#include "DeliveriesApi.h"

#include "ApiError.h"
#include "DeliveryStore.h"
#include "EndpointStore.h"
#include "EndpointsApi.h"
#include "EventCatalog.h"
#include "EventPublisher.h"
#include "JsonFieldReader.h"
#include "Rfc3339.h"

#include <QJsonArray>

namespace {
const QString kBase = QStringLiteral("/api/integrations/webhooks/:id");
constexpr int kMaxPerPage = 100;

int positiveInt(const QUrlQuery &query, const QString &name, int fallback, int max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok || value < 1 || value > max) {
        throw ApiError::unprocessable(max == std::numeric_limits<int>::max()
                                          ? QStringLiteral("parameter \"%1\" must be a whole number from 1").arg(name)
                                          : QStringLiteral("parameter \"%1\" must be a whole number from 1 to %2").arg(name).arg(max));
    }
    return value;
}

std::optional<qint64> timeParam(const QUrlQuery &query, const QString &name)
{
    if (!query.hasQueryItem(name))
        return std::nullopt;
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    const auto ms = Rfc3339::parse(text);
    if (!ms)
        throw ApiError::unprocessable(QStringLiteral("parameter \"%1\" must be an RFC 3339 time such as 2026-06-07T10:00:00Z, not \"%2\"").arg(name, text));
    return ms;
}
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

DeliveryQuery DeliveriesApi::parseQuery(const QString &endpointId, const QUrlQuery &query)
{
    DeliveryQuery result;
    result.endpointId = endpointId;
    result.fromMs = timeParam(query, QStringLiteral("from"));
    result.toMs = timeParam(query, QStringLiteral("to"));
    if (result.fromMs && result.toMs && *result.fromMs > *result.toMs)
        throw ApiError::unprocessable(QStringLiteral("parameter \"from\" must not be later than \"to\""));
    if (query.hasQueryItem(QStringLiteral("status"))) {
        const QString status = query.queryItemValue(QStringLiteral("status"));
        result.status = deliveryStatusFromString(status);
        if (!result.status)
            throw ApiError::unprocessable(QStringLiteral("parameter \"status\" must be delivered, failed or pending, not \"%1\"").arg(status));
    }
    result.page = positiveInt(query, QStringLiteral("page"), 1, std::numeric_limits<int>::max());
    result.perPage = positiveInt(query, QStringLiteral("per_page"), 20, kMaxPerPage);
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
    const DeliveryQuery query = parseQuery(endpoint.id, request.query);
    const DeliveryPage page = m_deliveries.list(query);
    const qint64 lastPage = std::max<qint64>(1, (page.total + query.perPage - 1) / query.perPage);
    if (query.page > lastPage)
        throw ApiError::unprocessable(QStringLiteral("parameter \"page\" is out of range: %1 matching deliveries make %2 page(s) of %3")
                                          .arg(page.total).arg(lastPage).arg(query.perPage));
    QJsonArray data;
    for (const Delivery &delivery : page.items)
        data.append(delivery.toJson());
    return ApiResponse::json(200, {{QStringLiteral("data"), data},
                                   {QStringLiteral("meta"), QJsonObject{{QStringLiteral("page"), query.page},
                                                                        {QStringLiteral("per_page"), query.perPage},
                                                                        {QStringLiteral("total"), page.total}}}});
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
