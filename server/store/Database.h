#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <optional>

class SecretCipher;

// The SQLite file: one connection (QtSql connections belong to one thread), WAL, foreign keys,
// schema migrations keyed on PRAGMA user_version.
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens or creates the file (mode 0600) and brings the schema up to date. Returns an error text.
    std::optional<QString> open(const QString &path);
    void close();

    // Prepares, binds positionally and runs a statement; throws StoreError on failure.
    QSqlQuery exec(const QString &sql, const QVariantList &values = {});

    QSqlDatabase &connection() { return m_db; }

    // Secrets at rest: with a cipher set, every store seals endpoint secrets through it. Without
    // one (tools, fuzzers) secrets are stored as given; the server always sets one and seals
    // leftover plaintext at start.
    void setSecretCipher(const SecretCipher *cipher) { m_cipher = cipher; }
    QString sealSecret(const QString &endpointId, const QString &secret) const;
    // Throws StoreError when the stored secret cannot be opened (another master key).
    QString openSecret(const QString &endpointId, const QString &stored) const;
    int transactionDepth() const { return m_transactionDepth; }

private:
    friend class WriteTransaction;
    std::optional<QString> migrate();

    QString m_connectionName;
    QSqlDatabase m_db;
    int m_transactionDepth = 0;
    const SecretCipher *m_cipher = nullptr;
};
