#include "HealthApi.h"

#include "DatabaseHealth.h"
#include "EnaVersion.h"

HealthApi::HealthApi(const DatabaseHealth &database)
    : m_database(database)
{
}

void HealthApi::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/api/health"), Router::Access::Public, {}, [this](const ApiRequest &) {
        return answer();
    });
}

ApiResponse HealthApi::answer() const
{
    QJsonObject body{{QStringLiteral("status"), QStringLiteral("ok")},
                     {QStringLiteral("version"), QStringLiteral(ENA_WEBHOOKS_VERSION)}};
    const auto problem = m_database.problem();
    if (!problem)
        return ApiResponse::json(200, body);
    body.insert(QStringLiteral("status"), QStringLiteral("degraded"));
    body.insert(QStringLiteral("reason"), *problem);
    // Also as the API's error object, so clients that show errors (the console) show this one.
    body.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("database_unavailable")},
                                                     {QStringLiteral("message"), *problem}});
    return ApiResponse::json(503, body);
}
