#include "DatabaseFile.h"

#include <QAtomicInt>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

// Runs sql on a connection of its own; the first column of the first row, or an invalid value.
QVariant queryOnce(const QString &path, const QString &sql)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("database-file-%1").arg(counter.fetchAndAddRelaxed(1));
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            if (!query.exec(sql))
                qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            else
                value = query.next() ? query.value(0) : QVariant(QString());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace

DatabaseFile::DatabaseFile(const QString &path)
    : m_path(path)
{
}

int DatabaseFile::pageSize() const
{
    return queryOnce(m_path, QStringLiteral("PRAGMA page_size")).toInt();
}

int DatabaseFile::rootPage(const QString &table) const
{
    return queryOnce(m_path, QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = '%1'")
                                 .arg(table)).toInt();
}

bool DatabaseFile::checkpoint() const
{
    // Columns: busy, log frames, frames copied; busy is 0 once all of it is in the file.
    const QVariant busy = queryOnce(m_path, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return busy.isValid() && busy.toInt() == 0;
}

bool DatabaseFile::touch() const
{
    return queryOnce(m_path, QStringLiteral("INSERT OR REPLACE INTO idempotency_keys (key, response, created_at) "
                                            "VALUES ('database-file-touch', '{}', 0)")).isValid();
}

bool DatabaseFile::overwritePage(int page) const
{
    const int size = pageSize();
    QFile file(m_path);
    if (size <= 0 || page < 1 || !file.open(QIODevice::ReadWrite) || !file.seek(qint64(page - 1) * size))
        return false;
    // 0xA5 is no B-tree page type, so SQLite cannot take the page for anything valid.
    return file.write(QByteArray(size, char(0xA5))) == size && file.flush();
}
