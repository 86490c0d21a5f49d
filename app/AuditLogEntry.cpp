#include "AuditLogEntry.h"

AuditLogEntry AuditLogEntry::fromJson(const QJsonObject &json)
{
    AuditLogEntry entry;
    entry.id = json.value(QStringLiteral("id")).toString();
    entry.at = QDateTime::fromString(json.value(QStringLiteral("at")).toString(), Qt::ISODate);
    entry.action = json.value(QStringLiteral("action")).toString();
    // null ids come back as empty strings
    entry.endpointId = json.value(QStringLiteral("endpoint_id")).toString();
    entry.deliveryId = json.value(QStringLiteral("delivery_id")).toString();
    entry.remoteAddress = json.value(QStringLiteral("remote_address")).toString();
    return entry;
}
