#include "AuditStore.h"

#include "Database.h"

namespace {
QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}
} // namespace

void AuditStore::record(const AuditEntry &entry)
{
    m_db.exec(QStringLiteral("INSERT INTO audit_log (at, action, endpoint_id, delivery_id, remote_address) "
                             "VALUES (?, ?, ?, ?, ?)"),
              {entry.atMs, entry.action, textOrNull(entry.endpointId), textOrNull(entry.deliveryId),
               entry.remoteAddress});
}

AuditPage AuditStore::list(const AuditQuery &query)
{
    // Only admin changes are logged, so a scan stays small and the table needs no index on time.
    QString where = QStringLiteral(" WHERE 1");
    QVariantList values;
    if (query.fromMs) {
        where += QStringLiteral(" AND at >= ?");
        values.append(*query.fromMs);
    }
    if (query.toMs) {
        where += QStringLiteral(" AND at <= ?");
        values.append(*query.toMs);
    }
    AuditPage result;
    QSqlQuery count = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log") + where, values);
    result.total = count.next() ? count.value(0).toLongLong() : 0;
    QVariantList pageValues = values;
    pageValues << query.perPage << static_cast<qint64>(query.page - 1) * query.perPage;
    QSqlQuery rows = m_db.exec(
        QStringLiteral("SELECT id, at, action, endpoint_id, delivery_id, remote_address FROM audit_log") + where
            + QStringLiteral(" ORDER BY id DESC LIMIT ? OFFSET ?"),
        pageValues);
    while (rows.next()) {
        AuditEntry entry;
        entry.id = rows.value(0).toLongLong();
        entry.atMs = rows.value(1).toLongLong();
        entry.action = rows.value(2).toString();
        entry.endpointId = rows.value(3).toString();
        entry.deliveryId = rows.value(4).toString();
        entry.remoteAddress = rows.value(5).toString();
        result.items.append(entry);
    }
    return result;
}
