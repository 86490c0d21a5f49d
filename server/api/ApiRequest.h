#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

// A request as handlers see it: no transport types, just what was asked.
struct ApiRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;
    QHash<QString, QString> params; // from ":name" segments of the matched route
    QString routePattern;           // of the matched route, empty when none matched

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
    QString param(const QString &name) const;
    // The body as a JSON object; throws ApiError 400 when it is not one.
    QJsonObject jsonObject() const;
};
