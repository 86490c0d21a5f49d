#pragma once

#include "Router.h"

class Database;
class EventCatalog;
class EventPublisher;
class IdempotencyStore;

// POST /api/events (publishing, with Idempotency-Key) and GET /api/integrations/event-types.
class EventsApi
{
public:
    EventsApi(Database &db, const EventCatalog &catalog, EventPublisher &publisher, IdempotencyStore &idempotency);

    void registerRoutes(Router &router);

private:
    ApiResponse publish(const ApiRequest &request);
    ApiResponse eventTypes(const ApiRequest &request);

    Database &m_db;
    const EventCatalog &m_catalog;
    EventPublisher &m_publisher;
    IdempotencyStore &m_idempotency;
};
