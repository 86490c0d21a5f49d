#include "EventsApi.h"

#include "ApiError.h"
#include "DeferredAnswer.h"
#include "EventCatalog.h"
#include "EventIntake.h"
#include "IdempotencyStore.h"
#include "JsonFieldReader.h"
#include "JsonMemberText.h"
#include "Rfc3339.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
constexpr qint64 kIdempotencyWindowMs = 24LL * 60 * 60 * 1000;
constexpr int kMaxIdempotencyKeyLength = 255;

ApiResponse replayed(ApiResponse original)
{
    original.headers.append(qMakePair(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")));
    return original;
}
} // namespace

EventsApi::EventsApi(const EventCatalog &catalog, EventIntake &intake, IdempotencyStore &idempotency)
    : m_catalog(catalog)
    , m_intake(intake)
    , m_idempotency(idempotency)
{
}

void EventsApi::registerRoutes(Router &router)
{
    router.add("POST", QStringLiteral("/api/events"), Router::Access::Publish, RouteInput::jsonBody(),
               [this](const ApiRequest &r) { return publish(r); });
    router.add("GET", QStringLiteral("/api/integrations/event-types"), Router::Access::Admin, {},
               [this](const ApiRequest &r) { return eventTypes(r); });
}

ApiResponse EventsApi::publish(const ApiRequest &request)
{
    const QString key = QString::fromUtf8(request.header("Idempotency-Key")).trimmed();
    if (key.size() > kMaxIdempotencyKeyLength)
        throw ApiError::unprocessable(QStringLiteral("header \"Idempotency-Key\" is longer than %1 characters").arg(kMaxIdempotencyKeyLength));
    const qint64 now = Rfc3339::nowMs();
    if (!key.isEmpty()) {
        if (auto original = m_idempotency.find(key, now - kIdempotencyWindowMs))
            return replayed(ApiResponse::rawJson(202, *original));
        if (auto queued = m_intake.queuedWith(key)) {
            // The first request with this key is in the batch being committed: answer the same.
            auto replay = std::make_shared<DeferredAnswer>();
            queued->then([replay](const ApiResponse &first) {
                replay->complete(first.status == 202 ? replayed(first) : first);
            });
            return ApiResponse::later(replay);
        }
    }

    const JsonFieldReader body(request.jsonObject(), {QStringLiteral("type"), QStringLiteral("data")});
    const QString type = body.requiredString(QStringLiteral("type"));
    const QJsonObject data = body.requiredObject(QStringLiteral("data"));
    if (!m_catalog.contains(type))
        throw ApiError::unprocessable(QStringLiteral("field \"type\": unknown event type \"%1\"; valid event types: %2")
                                          .arg(type, m_catalog.names().join(QStringLiteral(", "))));
    // Receivers get data as the publisher wrote it (integers beyond 2^53 keep their digits); in
    // the rare body the scanner leaves to the parser, the parsed object is written compact.
    const std::optional<QByteArrayView> written = JsonMemberText::find(request.body, "data");
    const QByteArray dataJson = written ? written->toByteArray() : QJsonDocument(data).toJson(QJsonDocument::Compact);
    return ApiResponse::later(m_intake.submit(type, dataJson, key, now));
}

ApiResponse EventsApi::eventTypes(const ApiRequest &)
{
    QJsonArray data;
    for (const EventType &type : m_catalog.types())
        data.append(type.toJson());
    return ApiResponse::json(200, {{QStringLiteral("data"), data}});
}
