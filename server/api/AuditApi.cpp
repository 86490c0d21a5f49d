#include "AuditApi.h"

#include "ApiError.h"
#include "AuditStore.h"
#include "QueryParameters.h"

#include <QJsonArray>

void AuditApi::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/api/audit-log"), Router::Access::Admin,
               RouteInput::query({QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("page"), QStringLiteral("per_page")}),
               [this](const ApiRequest &r) { return list(r); });
}

ApiResponse AuditApi::list(const ApiRequest &request)
{
    const QueryParameters parameters(request.query);
    const QueryParameters::TimeWindow window = parameters.timeWindow();
    const AuditPage result = m_store.list({window.fromMs, window.toMs, parameters.page(), parameters.perPage()});
    parameters.requirePageWithin(result.total);
    QJsonArray data;
    for (const AuditEntry &entry : result.items)
        data.append(entry.toJson());
    return ApiResponse::json(200, {{QStringLiteral("data"), data}, {QStringLiteral("meta"), parameters.pageMeta(result.total)}});
}
