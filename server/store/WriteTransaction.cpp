#include "WriteTransaction.h"

#include "Database.h"
#include "SqlStatement.h"

#include <QDebug>

WriteTransaction::WriteTransaction(Database &db)
    : m_db(db)
{
    // Deferred BEGIN can fail with SQLITE_BUSY on the first write after a read; IMMEDIATE cannot.
    if (m_db.m_transactionDepth == 0)
        m_db.prepared("BEGIN IMMEDIATE").run();
    ++m_db.m_transactionDepth;
}

WriteTransaction::~WriteTransaction()
{
    if (m_done)
        return;
    if (--m_db.m_transactionDepth == 0) {
        m_db.m_afterCommit.clear();
        try {
            if (m_db.inTransaction()) // SQLite rolls back by itself on a full disk or I/O error
                m_db.prepared("ROLLBACK").run();
        } catch (const std::exception &error) {
            qWarning("rollback failed: %s", error.what());
        }
    }
}

void WriteTransaction::commit()
{
    m_done = true;
    if (--m_db.m_transactionDepth > 0)
        return;
    const std::vector<std::function<void()>> actions = std::exchange(m_db.m_afterCommit, {});
    try {
        m_db.prepared("COMMIT").run();
    } catch (const std::exception &) {
        // A failed COMMIT leaves the transaction open; end it so the next one can begin.
        try {
            if (m_db.inTransaction())
                m_db.prepared("ROLLBACK").run();
        } catch (const std::exception &error) {
            qWarning("rollback failed: %s", error.what());
        }
        throw;
    }
    m_db.m_health.noteCommit();
    // The data is stored now: an action that fails must not make the commit look failed.
    for (const auto &action : actions) {
        try {
            action();
        } catch (const std::exception &error) {
            qCritical("an action after a commit failed: %s", error.what());
        }
    }
}
