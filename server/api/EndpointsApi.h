#pragma once

#include "AddressGuard.h"
#include "ApiError.h"
#include "Router.h"

#include <QByteArray>
#include <QStringList>
#include <optional>
#include <functional>

class EndpointStore;
class EventCatalog;

// /api/integrations/webhooks: list, create, read, update, rotate the secret, delete.
class EndpointsApi
{
public:
    // guard: the delivery engine's, so a create or update whose target it will refuse is answered
    // with a "warning" (the endpoint is still saved).
    EndpointsApi(EndpointStore &endpoints, const EventCatalog &catalog,
                 std::function<void(const QString &endpointId)> onChanged, AddressGuard guard = AddressGuard());

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
    QJsonObject withTargetWarning(QJsonObject answer, const QString &url) const;

    EndpointStore &m_endpoints;
    const EventCatalog &m_catalog;
    std::function<void(const QString &)> m_onChanged;
    std::optional<QByteArray> m_listAnswer; // serialized list, rebuilt after a change
    AddressGuard m_guard;
};
