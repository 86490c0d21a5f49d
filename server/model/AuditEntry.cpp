#include "AuditEntry.h"

#include "Rfc3339.h"

namespace {
QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}
} // namespace

QJsonObject AuditEntry::toJson() const
{
    return {
        {QStringLiteral("id"), QStringLiteral("aud_%1").arg(id)},
        {QStringLiteral("at"), Rfc3339::format(atMs)},
        {QStringLiteral("action"), action},
        {QStringLiteral("endpoint_id"), orNull(endpointId)},
        {QStringLiteral("delivery_id"), orNull(deliveryId)},
        {QStringLiteral("remote_address"), remoteAddress},
    };
}
