#pragma once

#include "DatabaseHealth.h"
#include "Durability.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class SecretCipher;
class SqlStatement;
class WalCheckpointer;
struct sqlite3;

// The SQLite file: one connection (QtSql connections belong to one thread), WAL, foreign keys,
// schema migrations keyed on PRAGMA user_version.
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    struct Options
    {
        Durability durability = Durability::PowerLoss;
        // Up to this long a PRAGMA quick_check before anything is written (0: none): the server
        // refuses a damaged file rather than answer 500 to every publish that reaches the bad
        // page. See IntegrityCheck for what it costs.
        int integrityCheckMs = 0;
    };

    // Opens or creates the file (mode 0600) and brings the schema up to date. Returns an error
    // text; for a damaged file one that says what to do about it.
    std::optional<QString> open(const QString &path, const Options &options);
    std::optional<QString> open(const QString &path);
    void close();

    // Prepares, binds positionally and runs a statement; throws StoreError on failure.
    QSqlQuery exec(const QString &sql, const QVariantList &values = {});
    // The statement for sql, prepared on first use and kept until close(), reset and with no
    // values bound. For the hot paths; sql must be a string constant (its address is the key).
    // One statement object per sql: asking for it again while reading its rows starts it over.
    SqlStatement &prepared(const char *sql);

    QSqlDatabase &connection() { return m_db; }
    // Failures of this connection that make the database unusable (damage, I/O errors).
    const DatabaseHealth &health() const { return m_health; }

    // Secrets at rest: with a cipher set, every store seals endpoint secrets through it. Without
    // one (tools, fuzzers) secrets are stored as given; the server always sets one and seals
    // leftover plaintext at start.
    void setSecretCipher(const SecretCipher *cipher) { m_cipher = cipher; }
    QString sealSecret(const QString &endpointId, const QString &secret) const;
    // Throws StoreError when the stored secret cannot be opened (another master key).
    QString openSecret(const QString &endpointId, const QString &stored) const;
    // Whether openSecret() would succeed.
    bool opensSecret(const QString &endpointId, const QString &stored) const;
    int transactionDepth() const { return m_transactionDepth; }
    // Whether SQLite has a transaction open on the connection (it ends one itself after some errors).
    bool inTransaction() const;
    // Runs action once the outermost write transaction has committed (at once outside of one);
    // dropped if it rolls back. For what may only happen to data that is certainly stored.
    void afterCommit(std::function<void()> action);
    qint64 lastInsertRowId() const;

private:
    friend class WriteTransaction;
    std::optional<QString> migrate();
    std::optional<QString> checkIntegrity(const QString &path, int budgetMs);
    static QString damaged(const QString &path, const QString &problem);
    [[noreturn]] void fail(const char *what, const QSqlQuery &query, const QString &sql);

    QString m_connectionName;
    QSqlDatabase m_db;
    sqlite3 *m_handle = nullptr;
    std::unordered_map<const char *, std::unique_ptr<SqlStatement>> m_prepared;
    int m_transactionDepth = 0;
    std::vector<std::function<void()>> m_afterCommit;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    const SecretCipher *m_cipher = nullptr;
    DatabaseHealth m_health;
};
