#include "EventTypeInfo.h"

EventTypeInfo EventTypeInfo::fromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("name")).toString(), json.value(QStringLiteral("description")).toString(),
            json.value(QStringLiteral("sample")).toObject()};
}
