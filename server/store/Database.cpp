#include "Database.h"

#include "IntegrityCheck.h"
#include "SecretCipher.h"
#include "SqlStatement.h"
#include "StoreError.h"
#include "WalCheckpointer.h"
#include "WriteTransaction.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>

#include <sqlite3.h>

namespace {

// Each entry moves the schema one version up; never edit a shipped entry, append a new one.
const QStringList &migrations()
{
    static const QStringList steps{
        QStringLiteral(R"(
CREATE TABLE endpoints (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    test INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_by_created ON events(created_at);
CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    endpoint_id TEXT NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id),
    event_type TEXT NOT NULL,
    status TEXT NOT NULL,
    http_status INTEGER,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER,
    next_attempt_at INTEGER,
    last_error TEXT,
    in_flight INTEGER NOT NULL DEFAULT 0,
    test INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX deliveries_by_endpoint ON deliveries(endpoint_id, created_at);
CREATE INDEX deliveries_by_endpoint_status ON deliveries(endpoint_id, status, created_at);
CREATE INDEX deliveries_by_event ON deliveries(event_id);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE status = 'pending' AND in_flight = 0;
CREATE INDEX deliveries_by_created ON deliveries(created_at);
CREATE TABLE attempts (
    delivery_seq INTEGER NOT NULL REFERENCES deliveries(seq) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    http_status INTEGER,
    error TEXT,
    response_body BLOB,
    PRIMARY KEY (delivery_seq, number)
) WITHOUT ROWID;
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
)"),
        // 2: the audit log of admin changes. No foreign key: entries outlive deleted endpoints.
        QStringLiteral(R"(
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    endpoint_id TEXT,
    delivery_id TEXT,
    remote_address TEXT NOT NULL
);
)"),
        // 3: one index fewer to write for every delivery; retention goes endpoint by endpoint
        // through deliveries_by_endpoint instead.
        QStringLiteral(R"(
DROP INDEX deliveries_by_created;
)"),
        // 4: events keyed by their id alone (WITHOUT ROWID), and without the created_at index:
        // two B-trees fewer to write per published event (2.5-6% more events/s). Ids begin with their
        // creation time, so retention finds old events through the key (DeliveryStore::prune).
        // Runs with foreign keys off: dropping the old table must not check deliveries.event_id.
        QStringLiteral(R"(
CREATE TABLE events_by_id (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    test INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO events_by_id (id, type, data, created_at, test) SELECT id, type, data, created_at, test FROM events;
DROP TABLE events;
ALTER TABLE events_by_id RENAME TO events;
)"),
    };
    return steps;
}

// Before SQLite's first use in the process: every connection belongs to one thread (QtSql
// demands it anyway), so SQLite need not lock each connection, and nothing reads its memory
// statistics, whose global mutex every allocation would take.
void configureSqliteOnce()
{
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    Q_UNUSED(configured);
}

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("ena-webhooks-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Database::Database()
    : m_connectionName(nextConnectionName())
{
}

Database::~Database()
{
    close();
}

std::optional<QString> Database::open(const QString &path)
{
    return open(path, Options());
}

std::optional<QString> Database::open(const QString &path, const Options &options)
{
    configureSqliteOnce();
    {
        QFile file(path);
        if (!file.exists() && file.open(QIODevice::WriteOnly))
            file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return QStringLiteral("cannot open database %1: %2").arg(path, m_db.lastError().text());
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return QStringLiteral("cannot open database %1: the Qt SQLite driver gives no native handle").arg(path);
    m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    try {
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        // In WAL mode FULL syncs the log in every commit; NORMAL only at checkpoints, so the last
        // commits survive a crash of the process but not of the machine.
        exec(options.durability == Durability::PowerLoss ? QStringLiteral("PRAGMA synchronous=FULL")
                                                         : QStringLiteral("PRAGMA synchronous=NORMAL"));
        // A log that grew under load is cut back to this size when it starts over (the
        // checkpoints keep it below about 64 MB, see WalCheckpointer).
        exec(QStringLiteral("PRAGMA journal_size_limit=67108864"));
        if (options.integrityCheckMs > 0) {
            if (auto error = checkIntegrity(path, options.integrityCheckMs))
                return error;
        }
        // Migrations rebuild tables, which the foreign keys would check row by row (or refuse).
        if (auto error = migrate())
            return error;
        exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        m_checkpointer = std::make_unique<WalCheckpointer>(m_handle, path);
        return std::nullopt;
    } catch (const StoreError &error) {
        if (m_health.isDamaged())
            return damaged(path, m_health.cause());
        return QString::fromUtf8(error.what());
    }
}

void Database::close()
{
    if (!m_db.isValid())
        return;
    m_checkpointer.reset();
    m_prepared.clear(); // finalized before the connection closes, or closing would fail
    m_handle = nullptr;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        fail("prepare failed", query, sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        fail("query failed", query, sql);
    return query;
}

void Database::fail(const char *what, const QSqlQuery &query, const QString &sql)
{
    // The Qt SQLite driver gives SQLite's result code as the native code.
    const QSqlError error = query.lastError();
    m_health.noteFailure(error.nativeErrorCode().toInt(), error.databaseText());
    throw StoreError(QStringLiteral("%1: %2 [%3]").arg(QLatin1String(what), error.text(), sql.simplified()).toStdString());
}

void Database::afterCommit(std::function<void()> action)
{
    if (m_transactionDepth == 0)
        action();
    else
        m_afterCommit.push_back(std::move(action));
}

bool Database::inTransaction() const
{
    return m_handle && sqlite3_get_autocommit(m_handle) == 0;
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_handle);
}

SqlStatement &Database::prepared(const char *sql)
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        if (!m_handle)
            throw StoreError("the database is not open");
        it = m_prepared.emplace(sql, std::make_unique<SqlStatement>(m_handle, sql, &m_health)).first;
    }
    it->second->reset();
    return *it->second;
}

std::optional<QString> Database::migrate()
{
    QSqlQuery versionQuery = exec(QStringLiteral("PRAGMA user_version"));
    const int current = versionQuery.next() ? versionQuery.value(0).toInt() : 0;
    versionQuery.finish(); // a statement still open on the schema makes DROP fail with "table is locked"
    const QStringList &steps = migrations();
    if (current > steps.size())
        return QStringLiteral("the database was written by a newer version (schema %1, this build knows %2)")
            .arg(current).arg(steps.size());
    for (int version = current; version < steps.size(); ++version) {
        WriteTransaction transaction(*this);
        // QSqlQuery runs one statement at a time, so split the migration script.
        for (const QString &statement : steps.at(version).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (!statement.trimmed().isEmpty())
                exec(statement);
        }
        exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1));
        transaction.commit();
    }
    return std::nullopt;
}

std::optional<QString> Database::checkIntegrity(const QString &path, int budgetMs)
{
    QElapsedTimer timer;
    timer.start();
    const IntegrityCheck::Result result = IntegrityCheck::run(m_handle, budgetMs);
    switch (result.outcome) {
    case IntegrityCheck::Outcome::Ok:
        qInfo("database checked in %lld ms", static_cast<long long>(timer.elapsed()));
        return std::nullopt;
    case IntegrityCheck::Outcome::CutShort:
        qWarning("the database check stopped after %lld ms (%lld MB); damage in the rest shows on /api/health "
                 "once something meets it", static_cast<long long>(timer.elapsed()),
                 static_cast<long long>(QFileInfo(path).size() >> 20));
        return std::nullopt;
    case IntegrityCheck::Outcome::Damaged:
        return damaged(path, result.detail);
    case IntegrityCheck::Outcome::Failed:
        break;
    }
    return QStringLiteral("cannot check database %1: %2").arg(path, result.detail);
}

QString Database::damaged(const QString &path, const QString &problem)
{
    return QStringLiteral("the database %1 is damaged (%2); the server does not start on it. Restore it from your "
                          "backup, or salvage what is readable: sqlite3 %1 .recover | sqlite3 recovered.sqlite, then "
                          "put recovered.sqlite in its place")
        .arg(path, problem);
}

QString Database::sealSecret(const QString &endpointId, const QString &secret) const
{
    return m_cipher ? m_cipher->seal(secret, endpointId) : secret;
}

bool Database::opensSecret(const QString &endpointId, const QString &stored) const
{
    return !SecretCipher::isSealed(stored) || (m_cipher && m_cipher->open(stored, endpointId));
}

QString Database::openSecret(const QString &endpointId, const QString &stored) const
{
    if (!SecretCipher::isSealed(stored))
        return stored; // plaintext from before secrets were sealed; sealed at the next start
    const auto secret = m_cipher ? m_cipher->open(stored, endpointId) : std::nullopt;
    if (!secret)
        throw StoreError("the secret of an endpoint cannot be decrypted: it was sealed with another master key");
    return *secret;
}
