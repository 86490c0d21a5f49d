#pragma once

#include "Delivery.h"
#include "DueDelivery.h"
#include "Event.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <functional>

class DeliveryStore;
class EndpointStore;
struct Endpoint;

// Turns an event into an event row plus one pending delivery per target endpoint, committed
// together, then tells the dispatcher there is work. Used by POST /api/events and by test events.
class EventPublisher
{
public:
    // Lets a fresh delivery skip the outbox's claim: the dispatcher says whether it can take an
    // endpoint's delivery at once; such rows are stored in flight and handed over after the
    // commit. Claiming them back out of the table cost as much as storing them.
    struct Handoff
    {
        std::function<bool(const QString &endpointId)> accepts;
        std::function<void(const QList<DueDelivery> &deliveries)> take;
    };

    EventPublisher(EndpointStore &endpoints, DeliveryStore &deliveries, std::function<void()> onQueued);
    void setHandoff(Handoff handoff);

    struct Result
    {
        Event event;
        QList<Delivery> deliveries;
    };

    // To every enabled endpoint subscribed to type; dataJson is the JSON text of an object.
    Result publish(const QString &type, const QByteArray &dataJson);
    // To one endpoint, whatever it subscribes to, marked "test": true.
    Result publishTest(const Endpoint &endpoint, const QString &type, const QJsonObject &data);

private:
    Result store(Event event, const QList<Endpoint> &targets);
    void handOver(const Result &result, const QList<qint64> &seqs, const QSet<QString> &endpointIds);

    EndpointStore &m_endpoints;
    DeliveryStore &m_deliveries;
    std::function<void()> m_onQueued;
    Handoff m_handoff;
};
