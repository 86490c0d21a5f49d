#pragma once

#include <QJsonObject>
#include <QString>

struct EventType
{
    QString name;
    QString description;
    QJsonObject sample; // the "data" of a test event

    QJsonObject toJson() const;
    static EventType fromJson(const QJsonObject &json);
};
