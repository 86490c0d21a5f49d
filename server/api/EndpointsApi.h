#pragma once

#include "ApiError.h"
#include "Router.h"

#include <QStringList>
#include <functional>

class EndpointStore;
class EventCatalog;

// /api/integrations/webhooks: list, create, read, update, rotate the secret, delete.
class EndpointsApi
{
public:
    EndpointsApi(EndpointStore &endpoints, const EventCatalog &catalog,
                 std::function<void(const QString &endpointId)> onChanged);

    void registerRoutes(Router &router);

    // Shared with other handlers: the endpoint or a 404 naming the id.
    static ApiError notFound(const QString &endpointId);

private:
    ApiResponse list(const ApiRequest &request);
    ApiResponse create(const ApiRequest &request);
    ApiResponse get(const ApiRequest &request);
    ApiResponse update(const ApiRequest &request);
    ApiResponse rotateSecret(const ApiRequest &request);
    ApiResponse remove(const ApiRequest &request);

    QString validatedUrl(const QString &url) const;
    QStringList validatedEvents(const QStringList &events) const;

    EndpointStore &m_endpoints;
    const EventCatalog &m_catalog;
    std::function<void(const QString &)> m_onChanged;
};
