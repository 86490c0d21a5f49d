#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

// One audit log entry as GET /api/audit-log returns it.
struct AuditLogEntry
{
    QString id;
    QDateTime at;
    QString action;     // "endpoint.created", "delivery.retried", …
    QString endpointId; // empty when the entry names none
    QString deliveryId;
    QString remoteAddress;

    static AuditLogEntry fromJson(const QJsonObject &json);
};
