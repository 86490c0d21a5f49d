#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// An event as published: what every subscribed endpoint receives.
struct Event
{
    QString id;
    QString type;
    QJsonObject data;
    qint64 createdAtMs = 0;
    bool test = false;

    // The exact bytes sent to receivers (and signed).
    QByteArray payload() const;
};
