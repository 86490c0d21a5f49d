#include "DatabaseHealth.h"

#include <sqlite3.h>

namespace {

bool isDiskTrouble(int primary)
{
    return primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN;
}

} // namespace

bool DatabaseHealth::isDamage(int sqliteCode)
{
    const int primary = sqliteCode & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

void DatabaseHealth::noteFailure(int sqliteCode, const QString &message)
{
    if (m_damaged)
        return; // the first sign of damage names it best
    if (isDamage(sqliteCode)) {
        m_damaged = true;
        m_cause = message;
        m_problem = QStringLiteral("the database file is damaged (%1)").arg(message);
        qCritical("%s: stop the server and restore the database from a backup, or salvage it with sqlite3's .recover",
                  qUtf8Printable(m_problem));
    } else if (isDiskTrouble(sqliteCode & 0xff)) {
        if (m_problem.isEmpty())
            qCritical("the database cannot be written (%s)", qUtf8Printable(message));
        m_cause = message;
        m_problem = QStringLiteral("the database cannot be written (%1)").arg(message);
    }
}

void DatabaseHealth::noteCommit()
{
    if (!m_damaged && !m_problem.isEmpty()) {
        qInfo("the database is written again");
        m_problem.clear();
        m_cause.clear();
    }
}

std::optional<QString> DatabaseHealth::problem() const
{
    if (m_problem.isEmpty())
        return std::nullopt;
    return m_problem;
}
