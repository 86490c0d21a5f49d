#pragma once

#include <QByteArray>
#include <QString>

// An event as published: what every subscribed endpoint receives.
struct Event
{
    QString id;
    QString type;
    // The JSON text of the event's data (an object), stored and sent as it is: as the publisher
    // wrote it, or compact for data the server made (test events).
    QByteArray data = QByteArrayLiteral("{}");
    qint64 createdAtMs = 0;
    bool test = false;

    // The exact bytes sent to receivers (and signed): id, type, created_at, data and, for test
    // events, "test": true.
    QByteArray payload() const;
    // The same from stored columns (UTF-8); dataJson is the JSON text of data.
    static QByteArray payloadOf(QByteArrayView id, QByteArrayView type, qint64 createdAtMs, QByteArrayView dataJson,
                                bool test);
};
