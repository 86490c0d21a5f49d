#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <memory>

class DeferredAnswer;

// What a handler answers; HttpFront turns it into bytes on the wire.
struct ApiResponse
{
    int status = 200;
    QByteArray body; // JSON, or empty
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    // Set when the real answer comes later (see DeferredAnswer); the fields above are then unused.
    std::shared_ptr<DeferredAnswer> deferred;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse rawJson(int status, const QByteArray &body);
    static ApiResponse noContent();
    static ApiResponse later(std::shared_ptr<DeferredAnswer> answer);
};
