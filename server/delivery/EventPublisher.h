#pragma once

#include "Delivery.h"
#include "Event.h"

#include <QJsonObject>
#include <QList>
#include <functional>

class DeliveryStore;
class EndpointStore;
struct Endpoint;

// Turns an event into an event row plus one pending delivery per target endpoint, committed
// together, then tells the dispatcher there is work. Used by POST /api/events and by test events.
class EventPublisher
{
public:
    EventPublisher(EndpointStore &endpoints, DeliveryStore &deliveries, std::function<void()> onQueued);

    struct Result
    {
        Event event;
        QList<Delivery> deliveries;
    };

    // To every enabled endpoint subscribed to type.
    Result publish(const QString &type, const QJsonObject &data);
    // To one endpoint, whatever it subscribes to, marked "test": true.
    Result publishTest(const Endpoint &endpoint, const QString &type, const QJsonObject &data);

private:
    Result store(Event event, const QList<Endpoint> &targets);

    EndpointStore &m_endpoints;
    DeliveryStore &m_deliveries;
    std::function<void()> m_onQueued;
};
