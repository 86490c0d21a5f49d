#pragma once

#include <QJsonObject>
#include <QString>

// One entry of the server's event catalog (GET /api/integrations/event-types).
struct EventTypeInfo
{
    QString name;
    QString description;
    QJsonObject sample;

    static EventTypeInfo fromJson(const QJsonObject &json);
};
