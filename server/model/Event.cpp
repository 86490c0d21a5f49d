#include "Event.h"

#include "Rfc3339.h"

#include <QJsonDocument>

QByteArray Event::payload() const
{
    QJsonObject body{
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), type},
        {QStringLiteral("created_at"), Rfc3339::format(createdAtMs)},
        {QStringLiteral("data"), data},
    };
    if (test)
        body.insert(QStringLiteral("test"), true);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}
