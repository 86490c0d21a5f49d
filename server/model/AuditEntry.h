#pragma once

#include <QJsonObject>
#include <QString>

// One admin change: who (remote address) did what (action) to which endpoint or delivery, and
// when. Never holds a secret or a token.
struct AuditEntry
{
    qint64 id = 0;
    qint64 atMs = 0;
    QString action; // e.g. "endpoint.created", "delivery.retried"
    QString endpointId;
    QString deliveryId; // empty when no delivery is involved
    QString remoteAddress;

    QJsonObject toJson() const;
};
