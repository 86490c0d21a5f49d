#include "EndpointInfo.h"

#include <QJsonArray>

bool EndpointInfo::subscribesToAll() const
{
    return events.contains(QStringLiteral("*"));
}

EndpointInfo EndpointInfo::fromJson(const QJsonObject &json)
{
    EndpointInfo endpoint;
    endpoint.id = json.value(QStringLiteral("id")).toString();
    endpoint.url = json.value(QStringLiteral("url")).toString();
    for (const QJsonValue &event : json.value(QStringLiteral("events")).toArray())
        endpoint.events.append(event.toString());
    endpoint.enabled = json.value(QStringLiteral("enabled")).toBool();
    endpoint.createdAt = QDateTime::fromString(json.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    endpoint.warning = json.value(QStringLiteral("warning")).toString();
    return endpoint;
}
