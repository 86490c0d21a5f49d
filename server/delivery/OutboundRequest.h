#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

// One signed POST to a receiver, as the dispatcher hands it to HttpSender.
struct OutboundRequest
{
    QUrl url;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 timeoutMs = 15000; // total deadline for the attempt, not just inactivity
    // Requests of one lane (a receiver's endpoint) run at most laneLimit at a time; the rest wait
    // on the transfer thread and start there as slots free up. 0: no limit.
    QString lane;
    int laneLimit = 0;
};
