#include "Delivery.h"

#include "Rfc3339.h"

#include <QJsonArray>

namespace {
QJsonValue optionalInt(std::optional<int> value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}
QJsonValue optionalTime(std::optional<qint64> value)
{
    return value ? QJsonValue(Rfc3339::format(*value)) : QJsonValue();
}
std::optional<qint64> timeFrom(const QJsonValue &value)
{
    return value.isString() ? Rfc3339::parse(value.toString()) : std::nullopt;
}
} // namespace

QJsonObject Delivery::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("endpoint_id"), endpointId},
        {QStringLiteral("event_id"), eventId},
        {QStringLiteral("event"), event},
        {QStringLiteral("status"), ::toString(status)},
        {QStringLiteral("http_status"), optionalInt(httpStatus)},
        {QStringLiteral("attempt_count"), attemptCount},
        {QStringLiteral("created_at"), Rfc3339::format(createdAtMs)},
        {QStringLiteral("delivered_at"), optionalTime(deliveredAtMs)},
        {QStringLiteral("next_attempt_at"), optionalTime(nextAttemptAtMs)},
        {QStringLiteral("last_error"), lastError.isEmpty() ? QJsonValue() : QJsonValue(lastError)},
        {QStringLiteral("test"), test},
    };
}

QJsonObject Delivery::toJsonWithAttempts() const
{
    QJsonObject json = toJson();
    QJsonArray list;
    for (const Attempt &attempt : attempts)
        list.append(attempt.toJson());
    json.insert(QStringLiteral("attempts"), list);
    return json;
}

Delivery Delivery::fromJson(const QJsonObject &json)
{
    Delivery delivery;
    delivery.id = json.value(QStringLiteral("id")).toString();
    delivery.endpointId = json.value(QStringLiteral("endpoint_id")).toString();
    delivery.eventId = json.value(QStringLiteral("event_id")).toString();
    delivery.event = json.value(QStringLiteral("event")).toString();
    delivery.status = deliveryStatusFromString(json.value(QStringLiteral("status")).toString()).value_or(DeliveryStatus::Pending);
    if (json.value(QStringLiteral("http_status")).isDouble())
        delivery.httpStatus = json.value(QStringLiteral("http_status")).toInt();
    delivery.attemptCount = json.value(QStringLiteral("attempt_count")).toInt();
    delivery.createdAtMs = timeFrom(json.value(QStringLiteral("created_at"))).value_or(0);
    delivery.deliveredAtMs = timeFrom(json.value(QStringLiteral("delivered_at")));
    delivery.nextAttemptAtMs = timeFrom(json.value(QStringLiteral("next_attempt_at")));
    delivery.lastError = json.value(QStringLiteral("last_error")).toString();
    delivery.test = json.value(QStringLiteral("test")).toBool();
    for (const auto &attempt : json.value(QStringLiteral("attempts")).toArray())
        delivery.attempts.append(Attempt::fromJson(attempt.toObject()));
    return delivery;
}
