#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

class Database;

// Answers already given to POST /api/events, by Idempotency-Key.
class IdempotencyStore
{
public:
    explicit IdempotencyStore(Database &db) : m_db(db) {}

    std::optional<QByteArray> find(const QString &key, qint64 notBeforeMs);
    void save(const QString &key, const QByteArray &response, qint64 nowMs);
    void prune(qint64 beforeMs);

private:
    Database &m_db;
};
