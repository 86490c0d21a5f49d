#include "EndpointsApi.h"

#include "ApiError.h"
#include "EndpointStore.h"
#include "EventCatalog.h"
#include "Ids.h"
#include "JsonFieldReader.h"
#include "Rfc3339.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace {
const QString kBase = QStringLiteral("/api/integrations/webhooks");
const QStringList kEndpointFields{QStringLiteral("url"), QStringLiteral("events"), QStringLiteral("enabled")};
constexpr int kMaxUrlLength = 2048;
} // namespace

EndpointsApi::EndpointsApi(EndpointStore &endpoints, const EventCatalog &catalog,
                           std::function<void(const QString &)> onChanged, AddressGuard guard)
    : m_endpoints(endpoints)
    , m_catalog(catalog)
    , m_onChanged(std::move(onChanged))
    , m_guard(guard)
{
}

void EndpointsApi::registerRoutes(Router &router)
{
    using A = Router::Access;
    const RouteInput json = RouteInput::jsonBody();
    router.add("GET", kBase, A::Admin, {}, [this](const ApiRequest &r) { return list(r); });
    router.add("POST", kBase, A::Admin, json, [this](const ApiRequest &r) { return create(r); });
    router.add("GET", kBase + QStringLiteral("/:id"), A::Admin, {}, [this](const ApiRequest &r) { return get(r); });
    router.add("PATCH", kBase + QStringLiteral("/:id"), A::Admin, json, [this](const ApiRequest &r) { return update(r); });
    router.add("DELETE", kBase + QStringLiteral("/:id"), A::Admin, {}, [this](const ApiRequest &r) { return remove(r); });
    router.add("POST", kBase + QStringLiteral("/:id/rotate-secret"), A::Admin, {},
               [this](const ApiRequest &r) { return rotateSecret(r); });
}

ApiError EndpointsApi::notFound(const QString &endpointId)
{
    return ApiError::notFound(QStringLiteral("no webhook endpoint with id \"%1\"").arg(endpointId));
}

QString EndpointsApi::validatedUrl(const QString &text) const
{
    if (text.size() > kMaxUrlLength)
        throw ApiError::unprocessable(QStringLiteral("field \"url\" is longer than %1 characters").arg(kMaxUrlLength));
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.isRelative() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        throw ApiError::unprocessable(QStringLiteral("field \"url\" must be an absolute http or https URL"));
    if (url.host().isEmpty())
        throw ApiError::unprocessable(QStringLiteral("field \"url\" must name a host"));
    return text;
}

QJsonObject EndpointsApi::withTargetWarning(QJsonObject answer, const QString &url) const
{
    // Only what is certain without a DNS lookup (which would stall every client): literal
    // addresses and localhost. Names are checked on the address actually connected to.
    const QString host = QUrl(url).host().toLower();
    std::optional<QString> reason;
    if (QHostAddress address; address.setAddress(host))
        reason = m_guard.refusalReason(address);
    else if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        reason = m_guard.refusalReason(QHostAddress(QHostAddress::LocalHost));
    if (reason)
        answer.insert(QStringLiteral("warning"), QStringLiteral("deliveries to this endpoint will fail: %1").arg(*reason));
    return answer;
}

QStringList EndpointsApi::validatedEvents(const QStringList &events) const
{
    if (events.isEmpty())
        throw ApiError::unprocessable(QStringLiteral("field \"events\" must list at least one event type, or [\"*\"] for all"));
    QStringList unique;
    for (const QString &event : events) {
        if (event != QLatin1String("*") && !m_catalog.contains(event)) {
            throw ApiError::unprocessable(QStringLiteral("field \"events\": unknown event type \"%1\"; valid event types: %2, or \"*\"")
                                              .arg(event, m_catalog.names().join(QStringLiteral(", "))));
        }
        if (!unique.contains(event))
            unique.append(event);
    }
    if (unique.contains(QStringLiteral("*")) && unique.size() > 1)
        throw ApiError::unprocessable(QStringLiteral("field \"events\": \"*\" already means every event type; send [\"*\"] alone"));
    return unique;
}

ApiResponse EndpointsApi::list(const ApiRequest &)
{
    // The list is read far more often than endpoints change, and building it (rows, JSON, dates)
    // was most of a request's cost; only this class changes endpoints, so it knows when to rebuild.
    if (!m_listAnswer) {
        QJsonArray data;
        for (const Endpoint &endpoint : m_endpoints.list())
            data.append(endpoint.toJson());
        m_listAnswer = QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact);
    }
    return ApiResponse::rawJson(200, *m_listAnswer);
}

ApiResponse EndpointsApi::create(const ApiRequest &request)
{
    const JsonFieldReader body(request.jsonObject(), kEndpointFields);
    Endpoint endpoint;
    endpoint.url = validatedUrl(body.requiredString(QStringLiteral("url")));
    endpoint.events = validatedEvents(body.requiredStringList(QStringLiteral("events")));
    endpoint.enabled = body.optionalBool(QStringLiteral("enabled")).value_or(true);
    endpoint.id = Ids::endpointId();
    endpoint.secret = Ids::endpointSecret();
    endpoint.createdAtMs = Rfc3339::nowMs();
    m_endpoints.insert(endpoint);
    m_listAnswer.reset();
    return ApiResponse::json(201, withTargetWarning(endpoint.toJson(Endpoint::SecretVisibility::Shown), endpoint.url));
}

ApiResponse EndpointsApi::get(const ApiRequest &request)
{
    const auto endpoint = m_endpoints.find(request.param(QStringLiteral("id")));
    if (!endpoint)
        throw notFound(request.param(QStringLiteral("id")));
    return ApiResponse::json(200, endpoint->toJson());
}

ApiResponse EndpointsApi::update(const ApiRequest &request)
{
    const QString id = request.param(QStringLiteral("id"));
    auto endpoint = m_endpoints.find(id);
    if (!endpoint)
        throw notFound(id);
    const JsonFieldReader body(request.jsonObject(), kEndpointFields);
    if (auto url = body.optionalString(QStringLiteral("url")))
        endpoint->url = validatedUrl(*url);
    if (auto events = body.optionalStringList(QStringLiteral("events")))
        endpoint->events = validatedEvents(*events);
    if (auto enabled = body.optionalBool(QStringLiteral("enabled")))
        endpoint->enabled = *enabled;
    m_endpoints.update(*endpoint);
    m_listAnswer.reset();
    m_onChanged(id);
    return ApiResponse::json(200, withTargetWarning(endpoint->toJson(), endpoint->url));
}

ApiResponse EndpointsApi::rotateSecret(const ApiRequest &request)
{
    const QString id = request.param(QStringLiteral("id"));
    auto endpoint = m_endpoints.find(id);
    if (!endpoint)
        throw notFound(id);
    endpoint->secret = Ids::endpointSecret();
    m_endpoints.updateSecret(id, endpoint->secret);
    m_onChanged(id);
    return ApiResponse::json(200, endpoint->toJson(Endpoint::SecretVisibility::Shown));
}

ApiResponse EndpointsApi::remove(const ApiRequest &request)
{
    const QString id = request.param(QStringLiteral("id"));
    if (!m_endpoints.remove(id))
        throw notFound(id);
    m_listAnswer.reset();
    m_onChanged(id);
    return ApiResponse::noContent();
}
