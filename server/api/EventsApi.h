#pragma once

#include "Router.h"

class EventCatalog;
class EventIntake;
class IdempotencyStore;

// POST /api/events (publishing, with Idempotency-Key; answered once the EventIntake committed
// the event) and GET /api/integrations/event-types.
class EventsApi
{
public:
    EventsApi(const EventCatalog &catalog, EventIntake &intake, IdempotencyStore &idempotency);

    void registerRoutes(Router &router);

private:
    ApiResponse publish(const ApiRequest &request);
    ApiResponse eventTypes(const ApiRequest &request);

    const EventCatalog &m_catalog;
    EventIntake &m_intake;
    IdempotencyStore &m_idempotency;
};
