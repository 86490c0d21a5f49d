#include "EventPublisher.h"

#include "DeliveryStore.h"
#include "EndpointStore.h"
#include "Ids.h"
#include "Rfc3339.h"

EventPublisher::EventPublisher(EndpointStore &endpoints, DeliveryStore &deliveries, std::function<void()> onQueued)
    : m_endpoints(endpoints)
    , m_deliveries(deliveries)
    , m_onQueued(std::move(onQueued))
{
}

EventPublisher::Result EventPublisher::publish(const QString &type, const QJsonObject &data)
{
    return store({Ids::eventId(), type, data, Rfc3339::nowMs(), false}, m_endpoints.subscribers(type));
}

EventPublisher::Result EventPublisher::publishTest(const Endpoint &endpoint, const QString &type,
                                                   const QJsonObject &data)
{
    return store({Ids::eventId(), type, data, Rfc3339::nowMs(), true}, {endpoint});
}

EventPublisher::Result EventPublisher::store(Event event, const QList<Endpoint> &targets)
{
    Result result{std::move(event), {}};
    for (const Endpoint &endpoint : targets) {
        Delivery delivery;
        delivery.id = Ids::deliveryId();
        delivery.endpointId = endpoint.id;
        delivery.eventId = result.event.id;
        delivery.event = result.event.type;
        delivery.createdAtMs = result.event.createdAtMs;
        delivery.nextAttemptAtMs = result.event.createdAtMs;
        delivery.test = result.event.test;
        result.deliveries.append(delivery);
    }
    m_deliveries.addEvent(result.event, result.deliveries);
    if (!result.deliveries.isEmpty() && m_onQueued)
        m_onQueued();
    return result;
}
