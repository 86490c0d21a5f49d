#include "EventType.h"

QJsonObject EventType::toJson() const
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("sample"), sample},
    };
}

EventType EventType::fromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("name")).toString(),
            json.value(QStringLiteral("description")).toString(),
            json.value(QStringLiteral("sample")).toObject()};
}
