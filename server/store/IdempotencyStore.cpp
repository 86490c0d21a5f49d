#include "IdempotencyStore.h"

#include "Database.h"
#include "SqlStatement.h"

namespace {
constexpr char kFind[] = "SELECT response FROM idempotency_keys WHERE key = ?1 AND created_at >= ?2";
constexpr char kSave[] = "INSERT OR REPLACE INTO idempotency_keys (key, response, created_at) VALUES (?1, ?2, ?3)";
} // namespace

std::optional<QByteArray> IdempotencyStore::find(const QString &key, qint64 notBeforeMs)
{
    SqlStatement &row = m_db.prepared(kFind);
    row.bind(1, key).bind(2, notBeforeMs);
    if (!row.next())
        return std::nullopt;
    const QByteArray response = row.bytes(0);
    row.reset();
    return response;
}

void IdempotencyStore::save(const QString &key, const QByteArray &response, qint64 nowMs)
{
    m_db.prepared(kSave).bind(1, key).bind(2, response).bind(3, nowMs).run();
}

void IdempotencyStore::prune(qint64 beforeMs)
{
    m_db.exec(QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"), {beforeMs});
}
