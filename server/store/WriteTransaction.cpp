#include "WriteTransaction.h"

#include "Database.h"

#include <QDebug>

WriteTransaction::WriteTransaction(Database &db)
    : m_db(db)
{
    // Deferred BEGIN can fail with SQLITE_BUSY on the first write after a read; IMMEDIATE cannot.
    if (m_db.m_transactionDepth == 0)
        m_db.exec(QStringLiteral("BEGIN IMMEDIATE"));
    ++m_db.m_transactionDepth;
}

WriteTransaction::~WriteTransaction()
{
    if (m_done)
        return;
    if (--m_db.m_transactionDepth == 0) {
        try {
            m_db.exec(QStringLiteral("ROLLBACK"));
        } catch (const std::exception &error) {
            qWarning("rollback failed: %s", error.what());
        }
    }
}

void WriteTransaction::commit()
{
    m_done = true;
    if (--m_db.m_transactionDepth == 0)
        m_db.exec(QStringLiteral("COMMIT"));
}
