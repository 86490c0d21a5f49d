#include "Database.h"
#include "SqlStatement.h"
#include "WriteTransaction.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <memory>
#include <thread>

namespace {
qint64 fileSize(const QString &file)
{
    return QFileInfo(file).size(); // a fresh QFileInfo: no cached size
}
} // namespace

// The background checkpointer as a user notices it: committed pages reach the database file
// while the server runs (not only when it stops), writes go on undisturbed meanwhile, and a
// closed database is one complete file.
class tst_WalCheckpointer : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void bigWritesReachTheFileWhileOpen();
    void smallWriteReachesTheFileWithinSeconds();
    void writesKeepWorkingDuringCheckpoints();
    void closingLeavesOneCompleteFile_data();
    void closingLeavesOneCompleteFile();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("webhooks.sqlite")); }
    QString walPath() const { return path() + QStringLiteral("-wal"); }
    QString sizes() const
    {
        return QStringLiteral("database file %1 bytes, log %2 bytes").arg(fileSize(path())).arg(fileSize(walPath()));
    }
    qint64 rows()
    {
        QSqlQuery query = m_db->exec(QStringLiteral("SELECT count(*) FROM t"));
        return query.next() ? query.value(0).toLongLong() : -1;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {
constexpr char kInsert[] = "INSERT INTO t (payload) VALUES (?1)";
// A bit under a 4 KiB page: one row is about one WAL frame, so rows count frames.
constexpr int kPayloadBytes = 3500;

QByteArray payload(qint64 row)
{
    return QByteArray(kPayloadBytes, char('a' + row % 26));
}

// Returns the rows written; firstRow numbers the payloads on from earlier calls.
qint64 writeRows(Database &db, int transactions, int rowsPerTransaction, qint64 firstRow = 0)
{
    qint64 written = 0;
    for (int t = 0; t < transactions; ++t) {
        WriteTransaction transaction(db);
        for (int r = 0; r < rowsPerTransaction; ++r) {
            if (db.prepared(kInsert).bindBlob(1, payload(firstRow + written + r)).run() != 1)
                return -1;
        }
        transaction.commit();
        written += rowsPerTransaction;
    }
    return written;
}

struct FileContents
{
    QString integrity;
    qint64 rows = -1;
    qint64 mismatched = -1; // rows whose payload is not what writeRows wrote
};

// Reads file through a connection of its own, as the next start of the server would.
FileContents readFresh(const QString &file)
{
    FileContents contents;
    const QString name = QStringLiteral("fresh-reader");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next())
                contents.integrity = query.value(0).toString();
            if (query.exec(QStringLiteral("SELECT count(*) FROM t")) && query.next())
                contents.rows = query.value(0).toLongLong();
            // id - 1 is the row number writeRows gave the payload.
            if (query.exec(QStringLiteral("SELECT count(*) FROM t WHERE length(payload) != %1 OR "
                                          "substr(payload, 1, 1) != CAST(char(97 + (id - 1) % 26) AS BLOB)")
                               .arg(kPayloadBytes))
                && query.next())
                contents.mismatched = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return contents;
}
} // namespace

void tst_WalCheckpointer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QCOMPARE(m_db->open(path()), std::nullopt);
    m_db->exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"));
}

void tst_WalCheckpointer::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_WalCheckpointer::bigWritesReachTheFileWhileOpen()
{
    const qint64 before = fileSize(path());
    // 3000 frames and more: three times the threshold that wakes the checkpointer.
    QCOMPARE(writeRows(*m_db, 30, 100), 3000);
    QTRY_VERIFY2_WITH_TIMEOUT(fileSize(path()) >= before + 3000 * kPayloadBytes, qPrintable(sizes()), 5000);
    QCOMPARE(rows(), 3000);
}

void tst_WalCheckpointer::smallWriteReachesTheFileWithinSeconds()
{
    const qint64 before = fileSize(path());
    // 20 frames: far below the threshold, so only the once-a-second round copies them back
    // (SQLite alone would leave them in the log until the database closes).
    QCOMPARE(writeRows(*m_db, 1, 20), 20);
    QTRY_VERIFY2_WITH_TIMEOUT(fileSize(path()) >= before + 20 * kPayloadBytes, qPrintable(sizes()), 4000);
}

void tst_WalCheckpointer::writesKeepWorkingDuringCheckpoints()
{
    const qint64 before = fileSize(path());
    qint64 written = 0;
    bool grewWhileWriting = false;
    QElapsedTimer clock;
    clock.start();
    // Short transactions with pauses, as requests arrive, for longer than one checkpoint round.
    while (clock.elapsed() < 2000) {
        QCOMPARE(writeRows(*m_db, 1, 20, written), 20);
        written += 20;
        grewWhileWriting = grewWhileWriting || fileSize(path()) >= before + 1000 * kPayloadBytes;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    QVERIFY2(grewWhileWriting, qPrintable(sizes() + QStringLiteral(" after %1 rows").arg(written)));
    QCOMPARE(rows(), written);
    m_db->close();
    const FileContents contents = readFresh(path());
    QCOMPARE(contents.integrity, QStringLiteral("ok"));
    QCOMPARE(contents.rows, written);
    QCOMPARE(contents.mismatched, 0);
}

void tst_WalCheckpointer::closingLeavesOneCompleteFile_data()
{
    QTest::addColumn<bool>("destroy"); // the destructor instead of close()
    QTest::newRow("close()") << false;
    QTest::newRow("destructor") << true;
}

void tst_WalCheckpointer::closingLeavesOneCompleteFile()
{
    QFETCH(bool, destroy);
    QCOMPARE(writeRows(*m_db, 25, 100), 2500);
    // Straight away: what the checkpointer has not copied yet, closing must.
    if (destroy)
        m_db.reset();
    else
        m_db->close();
    QVERIFY2(!QFile::exists(walPath()) || fileSize(walPath()) == 0, "a log is left beside the database");
    // Only the main file, as a backup that copies webhooks.sqlite alone would have it.
    const QString copy = m_dir->filePath(QStringLiteral("copy.sqlite"));
    QVERIFY(QFile::copy(path(), copy));
    const FileContents contents = readFresh(copy);
    QCOMPARE(contents.integrity, QStringLiteral("ok"));
    QCOMPARE(contents.rows, 2500);
    QCOMPARE(contents.mismatched, 0);
}

QTEST_GUILESS_MAIN(tst_WalCheckpointer)
#include "tst_walcheckpointer.moc"
