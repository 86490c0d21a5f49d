#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// One webhook endpoint as the API returns it; the console's own copy of the JSON shape so it
// never depends on the server's storage classes.
struct EndpointInfo
{
    QString id;
    QString url;
    QStringList events; // ["*"] means every current and future event
    bool enabled = true;
    QDateTime createdAt;
    // Only in create and update answers: why deliveries will likely fail (e.g. a private address).
    QString warning;

    bool subscribesToAll() const;
    static EndpointInfo fromJson(const QJsonObject &json);
};
