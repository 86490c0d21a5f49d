#include "Endpoint.h"

#include "Rfc3339.h"

#include <QJsonArray>

bool Endpoint::subscribesTo(const QString &eventType) const
{
    return events.contains(QStringLiteral("*")) || events.contains(eventType);
}

QJsonObject Endpoint::toJson(SecretVisibility visibility) const
{
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("url"), url},
        {QStringLiteral("events"), QJsonArray::fromStringList(events)},
        {QStringLiteral("enabled"), enabled},
        {QStringLiteral("created_at"), Rfc3339::format(createdAtMs)},
    };
    if (visibility == SecretVisibility::Shown)
        json.insert(QStringLiteral("secret"), secret);
    return json;
}

Endpoint Endpoint::fromJson(const QJsonObject &json)
{
    Endpoint endpoint;
    endpoint.id = json.value(QStringLiteral("id")).toString();
    endpoint.url = json.value(QStringLiteral("url")).toString();
    for (const auto &event : json.value(QStringLiteral("events")).toArray())
        endpoint.events.append(event.toString());
    endpoint.enabled = json.value(QStringLiteral("enabled")).toBool();
    endpoint.secret = json.value(QStringLiteral("secret")).toString();
    endpoint.createdAtMs = Rfc3339::parse(json.value(QStringLiteral("created_at")).toString()).value_or(0);
    return endpoint;
}
