#include "DrainSpan.h"

#include <QDir>

#include <sqlite3.h>

std::optional<DrainSpan> DrainSpan::read(const QString &dataDir, QString *error)
{
    const QByteArray path = QDir(dataDir).filePath(QStringLiteral("webhooks.sqlite")).toUtf8();
    sqlite3 *db = nullptr;
    std::optional<DrainSpan> span;
    sqlite3_stmt *row = nullptr;
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(db,
                              "SELECT (SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'), "
                              "(SELECT MIN(started_at) FROM attempts), "
                              "(SELECT MAX(delivered_at) FROM deliveries WHERE status = 'delivered')",
                              -1, &row, nullptr)
               == SQLITE_OK
        && sqlite3_step(row) == SQLITE_ROW) {
        span = DrainSpan{sqlite3_column_int64(row, 0), sqlite3_column_int64(row, 1), sqlite3_column_int64(row, 2)};
    } else {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    }
    sqlite3_finalize(row);
    sqlite3_close(db);
    return span;
}
