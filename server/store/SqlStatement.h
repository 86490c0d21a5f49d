#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

class DatabaseHealth;
struct sqlite3;
struct sqlite3_stmt;

// A statement prepared once on the connection's native SQLite handle and reused, with values
// bound and read as SQLite's own types. The hot paths (outbox, ingestion, attempt records)
// use it: through QSqlQuery every call re-prepared the SQL and converted each value through
// QVariant and UTF-16, which cost more than the SQL itself. Database owns the statements.
class SqlStatement
{
public:
    // Failures are also reported to health, when given (the server's /api/health shows them).
    SqlStatement(sqlite3 *db, const char *sql, DatabaseHealth *health = nullptr); // throws StoreError
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    // Parameters are numbered from 1, as in SQLite.
    SqlStatement &bind(int index, qint64 value);
    SqlStatement &bind(int index, const QString &text);
    SqlStatement &bind(int index, const QByteArray &utf8Text);
    SqlStatement &bind(int index, std::optional<qint64> value); // NULL when empty
    SqlStatement &bindBlob(int index, const QByteArray &bytes);
    SqlStatement &bindNull(int index);
    // Empty text binds NULL (optional message columns).
    SqlStatement &bindTextOrNull(int index, const QString &text);

    // Steps once: true with a row to read, false when done (the statement is then reset).
    bool next();
    // Steps to the end and resets; returns the rows changed (by this statement only if it
    // writes: SQLite reports the last write's count).
    int run();
    void reset();

    // Columns are numbered from 0.
    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray bytes(int column) const; // text or blob, as stored
    // The same without a copy: valid until the statement steps again or resets.
    QByteArrayView view(int column) const;
    bool isNull(int column) const;

private:
    [[noreturn]] void fail(const char *what) const;

    sqlite3 *m_db;
    DatabaseHealth *m_health;
    sqlite3_stmt *m_statement = nullptr;
    QByteArray m_scratch; // ASCII text being bound
};
