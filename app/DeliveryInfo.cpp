#include "DeliveryInfo.h"

#include <QJsonArray>

namespace {
QDateTime timeFrom(const QJsonValue &value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODate) : QDateTime();
}
} // namespace

DeliveryInfo DeliveryInfo::fromJson(const QJsonObject &json)
{
    DeliveryInfo delivery;
    delivery.id = json.value(QStringLiteral("id")).toString();
    delivery.endpointId = json.value(QStringLiteral("endpoint_id")).toString();
    delivery.eventId = json.value(QStringLiteral("event_id")).toString();
    delivery.event = json.value(QStringLiteral("event")).toString();
    delivery.status = statusFromString(json.value(QStringLiteral("status")).toString()).value_or(Status::Pending);
    if (json.value(QStringLiteral("http_status")).isDouble())
        delivery.httpStatus = json.value(QStringLiteral("http_status")).toInt();
    delivery.attemptCount = json.value(QStringLiteral("attempt_count")).toInt();
    delivery.createdAt = timeFrom(json.value(QStringLiteral("created_at")));
    delivery.deliveredAt = timeFrom(json.value(QStringLiteral("delivered_at")));
    delivery.nextAttemptAt = timeFrom(json.value(QStringLiteral("next_attempt_at")));
    delivery.lastError = json.value(QStringLiteral("last_error")).toString();
    delivery.test = json.value(QStringLiteral("test")).toBool();
    for (const QJsonValue &attempt : json.value(QStringLiteral("attempts")).toArray())
        delivery.attempts.append(AttemptInfo::fromJson(attempt.toObject()));
    return delivery;
}

std::optional<DeliveryInfo::Status> DeliveryInfo::statusFromString(const QString &text)
{
    if (text == QLatin1String("delivered"))
        return Status::Delivered;
    if (text == QLatin1String("failed"))
        return Status::Failed;
    if (text == QLatin1String("pending"))
        return Status::Pending;
    return std::nullopt;
}

QString DeliveryInfo::statusToString(Status status)
{
    switch (status) {
    case Status::Delivered:
        return QStringLiteral("delivered");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Pending:
        break;
    }
    return QStringLiteral("pending");
}
