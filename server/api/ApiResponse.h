#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

// What a handler answers; HttpFront turns it into bytes on the wire.
struct ApiResponse
{
    int status = 200;
    QByteArray body; // JSON, or empty
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse rawJson(int status, const QByteArray &body);
    static ApiResponse noContent();
};
