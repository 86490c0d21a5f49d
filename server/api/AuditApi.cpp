#include "AuditApi.h"

#include "ApiError.h"
#include "AuditStore.h"

#include <QJsonArray>

namespace {
constexpr int kMaxPerPage = 100;
constexpr int kDefaultPerPage = 20;

int intParam(const QUrlQuery &query, const QString &name, int fallback, int max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok || value < 1 || value > max)
        throw ApiError::unprocessable(QStringLiteral("parameter \"%1\" must be a whole number from 1 to %2").arg(name).arg(max));
    return value;
}
} // namespace

void AuditApi::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/api/audit-log"), Router::Access::Admin,
               RouteInput::query({QStringLiteral("page"), QStringLiteral("per_page")}),
               [this](const ApiRequest &r) { return list(r); });
}

ApiResponse AuditApi::list(const ApiRequest &request)
{
    const int page = intParam(request.query, QStringLiteral("page"), 1, std::numeric_limits<int>::max());
    const int perPage = intParam(request.query, QStringLiteral("per_page"), kDefaultPerPage, kMaxPerPage);
    const AuditPage result = m_store.list(page, perPage);
    const qint64 lastPage = std::max<qint64>(1, (result.total + perPage - 1) / perPage);
    if (page > lastPage)
        throw ApiError::unprocessable(QStringLiteral("parameter \"page\" is out of range: %1 entries make %2 page(s) of %3")
                                          .arg(result.total).arg(lastPage).arg(perPage));
    QJsonArray data;
    for (const AuditEntry &entry : result.items)
        data.append(entry.toJson());
    return ApiResponse::json(200, {{QStringLiteral("data"), data},
                                   {QStringLiteral("meta"), QJsonObject{{QStringLiteral("page"), page},
                                                                        {QStringLiteral("per_page"), perPage},
                                                                        {QStringLiteral("total"), result.total}}}});
}
