#include "IdempotencyStore.h"

#include "Database.h"

std::optional<QByteArray> IdempotencyStore::find(const QString &key, qint64 notBeforeMs)
{
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT response FROM idempotency_keys WHERE key = ? AND created_at >= ?"),
                              {key, notBeforeMs});
    if (!row.next())
        return std::nullopt;
    return row.value(0).toString().toUtf8();
}

void IdempotencyStore::save(const QString &key, const QByteArray &response, qint64 nowMs)
{
    m_db.exec(QStringLiteral("INSERT OR REPLACE INTO idempotency_keys (key, response, created_at) VALUES (?, ?, ?)"),
              {key, QString::fromUtf8(response), nowMs});
}

void IdempotencyStore::prune(qint64 beforeMs)
{
    m_db.exec(QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"), {beforeMs});
}
