#include "HealthApi.h"

#include "EnaVersion.h"

void HealthApi::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/api/health"), Router::Access::Public, {}, [](const ApiRequest &) {
        return ApiResponse::json(200, {{QStringLiteral("status"), QStringLiteral("ok")},
                                       {QStringLiteral("version"), QStringLiteral(ENA_WEBHOOKS_VERSION)}});
    });
}
