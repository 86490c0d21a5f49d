#pragma once

#include "Delivery.h"
#include "DeliveryQuery.h"
#include "Router.h"

#include <functional>

class DeliveryStore;
class EndpointStore;
class EventCatalog;
class EventPublisher;
class QueryParameters;
struct Endpoint;

// An endpoint's delivery history: list with filters, one delivery with attempts, retry, test.
class DeliveriesApi
{
public:
    DeliveriesApi(EndpointStore &endpoints, DeliveryStore &deliveries, const EventCatalog &catalog,
                  EventPublisher &publisher, std::function<void()> onRequeued);

    void registerRoutes(Router &router);

    // What GET .../deliveries takes, and its values (throws ApiError 422 naming the parameter).
    static RouteInput listInput();
    static DeliveryQuery parseQuery(const QString &endpointId, const QueryParameters &parameters);

private:
    ApiResponse list(const ApiRequest &request);
    ApiResponse get(const ApiRequest &request);
    ApiResponse retry(const ApiRequest &request);
    ApiResponse test(const ApiRequest &request);

    Endpoint endpointOf(const ApiRequest &request);
    Delivery deliveryOf(const Endpoint &endpoint, const ApiRequest &request);

    EndpointStore &m_endpoints;
    DeliveryStore &m_deliveries;
    const EventCatalog &m_catalog;
    EventPublisher &m_publisher;
    std::function<void()> m_onRequeued;
};
