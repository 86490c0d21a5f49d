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

    // The exact bytes sent to receivers (and signed): id, type, created_at, data and, for test
    // events, "test": true.
    QByteArray payload() const;
    QByteArray dataJson() const; // data as compact JSON, as stored
    // The same from stored columns (UTF-8); dataJson is the compact JSON text of data.
    static QByteArray payloadOf(QByteArrayView id, QByteArrayView type, qint64 createdAtMs, QByteArrayView dataJson,
                                bool test);
};
