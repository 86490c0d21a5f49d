#pragma once

#include <QByteArray>
#include <QString>

// A pending delivery whose time has come, with what it takes to send it.
struct DueDelivery
{
    qint64 seq = 0; // its row
    QString deliveryId;
    QString endpointId;
    QString url;
    QString secret;
    int attemptCount = 0; // attempts made before this one
    QByteArray payload; // the event as receivers get it (Event::payload)
};
