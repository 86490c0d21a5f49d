#include "SqlStatement.h"

#include "DatabaseHealth.h"
#include "StoreError.h"

#include <sqlite3.h>

#include <string>

SqlStatement::SqlStatement(sqlite3 *db, const char *sql, DatabaseHealth *health)
    : m_db(db)
    , m_health(health)
{
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK) {
        if (m_health)
            m_health->noteFailure(sqlite3_extended_errcode(m_db), QString::fromUtf8(sqlite3_errmsg(m_db)));
        throw StoreError(std::string("prepare failed: ") + sqlite3_errmsg(m_db) + " [" + sql + ']');
    }
}

SqlStatement::~SqlStatement()
{
    sqlite3_finalize(m_statement);
}

void SqlStatement::fail(const char *what) const
{
    if (m_health)
        m_health->noteFailure(sqlite3_extended_errcode(m_db), QString::fromUtf8(sqlite3_errmsg(m_db)));
    throw StoreError(std::string(what) + ": " + sqlite3_errmsg(m_db) + " [" + sqlite3_sql(m_statement) + ']');
}

SqlStatement &SqlStatement::bind(int index, qint64 value)
{
    if (sqlite3_bind_int64(m_statement, index, value) != SQLITE_OK)
        fail("bind failed");
    return *this;
}

SqlStatement &SqlStatement::bind(int index, const QString &text)
{
    // Ids, event types and statuses are ASCII: narrowed into a buffer the statement keeps (SQLite
    // copies bound text), instead of a new QByteArray per value. Six per published event.
    m_scratch.resize(text.size());
    char *out = m_scratch.data();
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return bind(index, text.toUtf8());
        *out++ = static_cast<char>(c.unicode());
    }
    return bind(index, m_scratch);
}

SqlStatement &SqlStatement::bind(int index, const QByteArray &utf8Text)
{
    // QByteArray's data of an empty array is "", never null, so this binds '' rather than NULL.
    if (sqlite3_bind_text(m_statement, index, utf8Text.constData(), int(utf8Text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail("bind failed");
    return *this;
}

SqlStatement &SqlStatement::bind(int index, std::optional<qint64> value)
{
    return value ? bind(index, *value) : bindNull(index);
}

SqlStatement &SqlStatement::bindBlob(int index, const QByteArray &bytes)
{
    if (sqlite3_bind_blob(m_statement, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail("bind failed");
    return *this;
}

SqlStatement &SqlStatement::bindNull(int index)
{
    if (sqlite3_bind_null(m_statement, index) != SQLITE_OK)
        fail("bind failed");
    return *this;
}

SqlStatement &SqlStatement::bindTextOrNull(int index, const QString &text)
{
    return text.isEmpty() ? bindNull(index) : bind(index, text);
}

bool SqlStatement::next()
{
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    sqlite3_reset(m_statement);
    if (result != SQLITE_DONE)
        fail("query failed");
    return false;
}

int SqlStatement::run()
{
    while (next()) {
    }
    return sqlite3_changes(m_db);
}

void SqlStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

qint64 SqlStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString SqlStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

QByteArray SqlStatement::bytes(int column) const
{
    return view(column).toByteArray();
}

QByteArrayView SqlStatement::view(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return QByteArrayView(data, sqlite3_column_bytes(m_statement, column));
}

bool SqlStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}
