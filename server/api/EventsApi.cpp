#include "EventsApi.h"

#include "ApiError.h"
#include "EventCatalog.h"
#include "EventPublisher.h"
#include "IdempotencyStore.h"
#include "JsonFieldReader.h"
#include "Rfc3339.h"
#include "WriteTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
constexpr qint64 kIdempotencyWindowMs = 24LL * 60 * 60 * 1000;
constexpr int kMaxIdempotencyKeyLength = 255;
} // namespace

EventsApi::EventsApi(Database &db, const EventCatalog &catalog, EventPublisher &publisher,
                     IdempotencyStore &idempotency)
    : m_db(db)
    , m_catalog(catalog)
    , m_publisher(publisher)
    , m_idempotency(idempotency)
{
}

void EventsApi::registerRoutes(Router &router)
{
    router.add("POST", QStringLiteral("/api/events"), Router::Access::Publish,
               [this](const ApiRequest &r) { return publish(r); });
    router.add("GET", QStringLiteral("/api/integrations/event-types"), Router::Access::Admin,
               [this](const ApiRequest &r) { return eventTypes(r); });
}

ApiResponse EventsApi::publish(const ApiRequest &request)
{
    const QString key = QString::fromUtf8(request.header("Idempotency-Key")).trimmed();
    if (key.size() > kMaxIdempotencyKeyLength)
        throw ApiError::unprocessable(QStringLiteral("header \"Idempotency-Key\" is longer than %1 characters").arg(kMaxIdempotencyKeyLength));
    const qint64 now = Rfc3339::nowMs();
    if (!key.isEmpty()) {
        if (auto original = m_idempotency.find(key, now - kIdempotencyWindowMs)) {
            ApiResponse replay = ApiResponse::rawJson(202, *original);
            replay.headers.append(qMakePair(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")));
            return replay;
        }
    }

    const JsonFieldReader body(request.jsonObject(), {QStringLiteral("type"), QStringLiteral("data")});
    const QString type = body.requiredString(QStringLiteral("type"));
    const QJsonObject data = body.requiredObject(QStringLiteral("data"));
    if (!m_catalog.contains(type))
        throw ApiError::unprocessable(QStringLiteral("field \"type\": unknown event type \"%1\"; valid event types: %2")
                                          .arg(type, m_catalog.names().join(QStringLiteral(", "))));

    // The event, its deliveries and the remembered answer commit together, so a repeat after a
    // crash either finds the answer or finds nothing was accepted.
    WriteTransaction transaction(m_db);
    const EventPublisher::Result result = m_publisher.publish(type, data);
    const QByteArray answer = QJsonDocument(QJsonObject{{QStringLiteral("id"), result.event.id},
                                                        {QStringLiteral("deliveries"), result.deliveries.size()}})
                                  .toJson(QJsonDocument::Compact);
    if (!key.isEmpty())
        m_idempotency.save(key, answer, now);
    transaction.commit();
    return ApiResponse::rawJson(202, answer);
}

ApiResponse EventsApi::eventTypes(const ApiRequest &)
{
    QJsonArray data;
    for (const EventType &type : m_catalog.types())
        data.append(type.toJson());
    return ApiResponse::json(200, {{QStringLiteral("data"), data}});
}
