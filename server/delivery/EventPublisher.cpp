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

void EventPublisher::setHandoff(Handoff handoff)
{
    m_handoff = std::move(handoff);
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
    QSet<QString> handedOver;
    for (const Endpoint &endpoint : targets) {
        if (m_handoff.accepts && m_handoff.accepts(endpoint.id))
            handedOver.insert(endpoint.id);
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
    const QByteArray dataJson = result.event.dataJson(); // serialized once, stored and sent
    const QList<qint64> seqs = m_deliveries.addEvent(result.event, result.deliveries, handedOver, dataJson);
    if (!handedOver.isEmpty()) {
        QList<DueDelivery> due;
        const Event &stored = result.event;
        const QByteArray payload = Event::payloadOf(stored.id.toUtf8(), stored.type.toUtf8(), stored.createdAtMs, dataJson,
                                                    stored.test);
        for (qsizetype i = 0; i < result.deliveries.size(); ++i) {
            const Delivery &delivery = result.deliveries.at(i);
            if (handedOver.contains(delivery.endpointId))
                due.append({seqs.at(i), delivery.id, delivery.endpointId, {}, {}, 0, payload});
        }
        m_deliveries.afterCommit([take = m_handoff.take, due] { take(due); });
    }
    if (handedOver.size() < result.deliveries.size() && m_onQueued)
        m_onQueued();
    return result;
}
