#include "EventPublisher.h"

#include "DeliveryStore.h"
#include "EndpointStore.h"
#include "Ids.h"
#include "Rfc3339.h"

#include <QJsonDocument>

EventPublisher::EventPublisher(EndpointStore &endpoints, DeliveryStore &deliveries, std::function<void()> onQueued)
    : m_endpoints(endpoints)
    , m_deliveries(deliveries)
    , m_onQueued(std::move(onQueued))
{
}

// After the commit, the deliveries stored in flight go to the dispatcher with what it sends.
void EventPublisher::handOver(const Result &result, const QList<qint64> &seqs, const QSet<QString> &endpointIds)
{
    const QByteArray payload = result.event.payload();
    QList<DueDelivery> due;
    for (qsizetype i = 0; i < result.deliveries.size(); ++i) {
        const Delivery &delivery = result.deliveries.at(i);
        if (endpointIds.contains(delivery.endpointId))
            due.append({seqs.at(i), delivery.id, delivery.endpointId, {}, {}, 0, payload});
    }
    m_deliveries.afterCommit([take = m_handoff.take, due] { take(due); });
}

void EventPublisher::setHandoff(Handoff handoff)
{
    m_handoff = std::move(handoff);
}

EventPublisher::Result EventPublisher::publish(const QString &type, const QByteArray &dataJson)
{
    return store({Ids::eventId(), type, dataJson, Rfc3339::nowMs(), false}, m_endpoints.subscribers(type));
}

EventPublisher::Result EventPublisher::publishTest(const Endpoint &endpoint, const QString &type,
                                                   const QJsonObject &data)
{
    return store({Ids::eventId(), type, QJsonDocument(data).toJson(QJsonDocument::Compact), Rfc3339::nowMs(), true},
                 {endpoint});
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
    const QList<qint64> seqs = m_deliveries.addEvent(result.event, result.deliveries, handedOver);
    if (!handedOver.isEmpty())
        handOver(result, seqs, handedOver);
    if (handedOver.size() < result.deliveries.size() && m_onQueued)
        m_onQueued();
    return result;
}
