#include "Database.h"
#include "SqlStatement.h"
#include "StoreError.h"
#include "WriteTransaction.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <limits>
#include <memory>

using Binder = std::function<void(SqlStatement &)>;
Q_DECLARE_METATYPE(Binder)

// Native prepared statements on the QtSql connection: values keep their SQLite types and bytes,
// a reused statement starts clean, failures throw with the SQL, and afterCommit actions wait for
// the outermost commit and die with a rollback.
class tst_SqlStatement : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void bindAndRead_data();
    void bindAndRead();
    void reuseStartsClean();
    void textOfEveryLengthInOneStatement();
    void nextEndsAndResets();
    void runCountsChangedRows();
    void constraintViolationThrows();
    void invalidSqlThrows();
    void closedDatabaseThrows();
    void lastInsertRowId();
    void afterCommitWaitsForOutermostCommit();
    void afterCommitDroppedWithoutCommit();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("webhooks.sqlite")); }
    qint64 count(const QString &sql) { return value(sql).toLongLong(); }
    QVariant value(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query = m_db->exec(sql, values); // QtSql, not the class under test
        return query.next() ? query.value(0) : QVariant();
    }
    // Inserts what bind puts into ?1 (column v has no type, so nothing is converted).
    qint64 store(const Binder &bind)
    {
        SqlStatement &insert = m_db->prepared(kInsertValue);
        bind(insert);
        return insert.run() == 1 ? m_db->lastInsertRowId() : -1;
    }
    static constexpr char kInsertValue[] = "INSERT INTO t (v) VALUES (?1)";
    // The StoreError's message, empty if it did not throw one.
    static QString errorOf(const std::function<void()> &action)
    {
        try {
            action();
        } catch (const StoreError &error) {
            return QString::fromUtf8(error.what());
        }
        return QString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {
// prepared() keys statements on the SQL's address, so each is one constant.
constexpr char kInsertRow[] = "INSERT INTO t (k, v) VALUES (?1, ?2)";
constexpr char kInsertWithId[] = "INSERT INTO t (id, k) VALUES (?1, ?2)";
constexpr char kRead[] = "SELECT v, typeof(v), hex(v), length(v), length(CAST(v AS BLOB)) FROM t WHERE id = ?1";
constexpr char kFrom[] = "SELECT v FROM t WHERE v >= ?1 ORDER BY v";
constexpr char kEcho[] = "SELECT ?1";
constexpr char kMarkBelow[] = "UPDATE t SET k = 'marked' || v WHERE v < ?1";

Binder int64(qint64 v) { return [v](SqlStatement &s) { s.bind(1, v); }; }
Binder text(const QString &v) { return [v](SqlStatement &s) { s.bind(1, v); }; }
Binder utf8(const QString &v) { return [v](SqlStatement &s) { s.bind(1, v.toUtf8()); }; } // the QByteArray overload
Binder blob(const QByteArray &v) { return [v](SqlStatement &s) { s.bindBlob(1, v); }; }
const QString kInteger = QStringLiteral("integer");
const QString kText = QStringLiteral("text");
const QString kBlob = QStringLiteral("blob");
const QString kNull = QStringLiteral("null");
} // namespace

void tst_SqlStatement::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QCOMPARE(m_db->open(path()), std::nullopt);
    m_db->exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v)"));
}

void tst_SqlStatement::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_SqlStatement::bindAndRead_data()
{
    QTest::addColumn<Binder>("bind");
    QTest::addColumn<QString>("type"); // SQLite's typeof() of what was stored
    QTest::addColumn<QVariant>("expected");
    const qint64 max = std::numeric_limits<qint64>::max();
    const qint64 min = std::numeric_limits<qint64>::min();
    const qint64 noDouble = (qint64(1) << 53) + 1; // a detour through double would change it
    QTest::newRow("int -1") << int64(-1) << kInteger << QVariant(qint64(-1));
    QTest::newRow("int 2^53+1") << int64(noDouble) << kInteger << QVariant(noDouble);
    QTest::newRow("int -(2^53+1)") << int64(-noDouble) << kInteger << QVariant(-noDouble);
    QTest::newRow("int max") << int64(max) << kInteger << QVariant(max);
    QTest::newRow("int min") << int64(min) << kInteger << QVariant(min);
    QTest::newRow("text ascii") << text(QStringLiteral("survey.response.created")) << kText << QVariant(QStringLiteral("survey.response.created"));
    QTest::newRow("text Grüße ✓") << text(QStringLiteral("Grüße ✓")) << kText << QVariant(QStringLiteral("Grüße ✓"));
    QTest::newRow("text outside the BMP") << text(QStringLiteral("ok 😀 🎉")) << kText << QVariant(QStringLiteral("ok 😀 🎉"));
    QTest::newRow("text ascii, then é at the end") << text(QStringLiteral("del_0pDd7fAzé")) << kText << QVariant(QStringLiteral("del_0pDd7fAzé"));
    QTest::newRow("text DEL, the last ASCII") << text(QStringLiteral("a\x7f" "b")) << kText << QVariant(QStringLiteral("a\x7f" "b"));
    QTest::newRow("text empty is '' not NULL") << text(QString()) << kText << QVariant(QString());
    QTest::newRow("bytes Grüße ✓") << utf8(QStringLiteral("Grüße ✓")) << kText << QVariant(QStringLiteral("Grüße ✓"));
    QTest::newRow("bytes empty is '' not NULL") << utf8(QString()) << kText << QVariant(QString());
    QTest::newRow("blob embedded NULs") << blob(QByteArrayLiteral("a\0b\0\0c")) << kBlob << QVariant(QByteArrayLiteral("a\0b\0\0c"));
    QTest::newRow("blob only NULs") << blob(QByteArray(16, '\0')) << kBlob << QVariant(QByteArray(16, '\0'));
    QByteArray everyByte;
    for (int b = 0; b < 256; ++b)
        everyByte.append(char(b));
    QTest::newRow("blob every byte value") << blob(everyByte) << kBlob << QVariant(everyByte);
    QTest::newRow("blob 200 KB") << blob(QByteArray(200 * 1024, 'Z')) << kBlob << QVariant(QByteArray(200 * 1024, 'Z'));
    QTest::newRow("optional empty") << Binder([](SqlStatement &s) { s.bind(1, std::optional<qint64>()); }) << kNull << QVariant();
    QTest::newRow("optional 42") << Binder([](SqlStatement &s) { s.bind(1, std::optional<qint64>(42)); }) << kInteger << QVariant(qint64(42));
    QTest::newRow("textOrNull null") << Binder([](SqlStatement &s) { s.bindTextOrNull(1, QString()); }) << kNull << QVariant();
    QTest::newRow("textOrNull \"\"") << Binder([](SqlStatement &s) { s.bindTextOrNull(1, QStringLiteral("")); }) << kNull << QVariant();
    QTest::newRow("textOrNull text") << Binder([](SqlStatement &s) { s.bindTextOrNull(1, QStringLiteral("timeout")); }) << kText << QVariant(QStringLiteral("timeout"));
    QTest::newRow("bindNull") << Binder([](SqlStatement &s) { s.bindNull(1); }) << kNull << QVariant();
    QTest::newRow("never bound") << Binder([](SqlStatement &) {}) << kNull << QVariant();
}

void tst_SqlStatement::bindAndRead()
{
    QFETCH(Binder, bind);
    QFETCH(QString, type);
    QFETCH(QVariant, expected);
    const qint64 id = store(bind);
    QVERIFY(id > 0);
    SqlStatement &row = m_db->prepared(kRead).bind(1, id);
    QVERIFY(row.next());
    QCOMPARE(row.text(1), type);
    QCOMPARE(row.isNull(0), type == kNull);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM t WHERE v IS NULL")), type == kNull ? 1 : 0);
    if (type == kNull)
        return;
    QCOMPARE(value(QStringLiteral("SELECT v FROM t WHERE id = ?"), {id}), expected);
    if (type == kInteger) {
        QCOMPARE(row.int64(0), expected.toLongLong());
        return;
    }
    const QByteArray stored = type == kText ? expected.toString().toUtf8() : expected.toByteArray();
    // SQLite's own view of the bytes, so a wrong encoding or a cut at a NUL cannot hide.
    QCOMPARE(row.text(2).toLatin1(), stored.toHex().toUpper());
    QCOMPARE(row.int64(4), qint64(stored.size()));
    QCOMPARE(row.bytes(0), stored);
    if (type == kText) {
        QCOMPARE(row.text(0), expected.toString());
        QCOMPARE(row.int64(3), qint64(expected.toString().toUcs4().size())); // characters, not bytes
    }
}

void tst_SqlStatement::textOfEveryLengthInOneStatement()
{
    // ASCII text goes through a buffer the statement keeps: a shorter value after a longer one,
    // or one that turns out not to be ASCII halfway, must store exactly itself.
    const QStringList values{QStringLiteral("whe_0pDd7fAzdtkmEgDkqr8O5w"), QStringLiteral("ab"), QString(),
                             QStringLiteral("abcdefgh…"), QStringLiteral("x"), QStringLiteral("Grüße")};
    for (const QString &expected : values) {
        SqlStatement &echo = m_db->prepared(kEcho).bind(1, expected);
        QVERIFY(echo.next());
        QCOMPARE(echo.text(0), expected);
    }
    qint64 id = 0;
    for (const QString &expected : values)
        m_db->prepared(kInsertWithId).bind(1, ++id).bind(2, expected).run();
    id = 0;
    for (const QString &expected : values)
        QCOMPARE(value(QStringLiteral("SELECT k FROM t WHERE id = ?"), {++id}).toString(), expected);
}

void tst_SqlStatement::reuseStartsClean()
{
    SqlStatement *first = &m_db->prepared(kInsertRow);
    for (int i = 0; i < 200; ++i) {
        SqlStatement &insert = m_db->prepared(kInsertRow);
        QCOMPARE(&insert, first); // prepared once, handed out again
        insert.bind(1, QStringLiteral("k%1").arg(i));
        if (i % 2 == 0)
            insert.bind(2, qint64(i) * 1000);
        QCOMPARE(insert.run(), 1);
    }
    // The odd rows bound only ?1: a value left over from the row before would show here.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM t")), 200);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM t WHERE v IS NULL AND substr(k, 2) % 2 = 1")), 100);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM t WHERE v = substr(k, 2) * 1000")), 100);

    SqlStatement &echo = m_db->prepared(kEcho).bind(1, qint64(5));
    QVERIFY(echo.next());
    QCOMPARE(echo.int64(0), 5);
    echo.reset();
    QVERIFY(echo.next());
    QVERIFY(echo.isNull(0));
}

void tst_SqlStatement::nextEndsAndResets()
{
    for (qint64 v = 1; v <= 5; ++v)
        store(int64(v));
    SqlStatement &rows = m_db->prepared(kFrom).bind(1, qint64(3));
    QList<qint64> seen;
    while (rows.next())
        seen.append(rows.int64(0));
    QCOMPARE(seen, (QList<qint64>{3, 4, 5}));
    // Reset at the end: stepping again runs the query anew rather than failing or staying done.
    QVERIFY(rows.next());
    QCOMPARE(rows.int64(0), 3);
    // Left mid-way, it comes back from prepared() reset, with the new value bound.
    SqlStatement &again = m_db->prepared(kFrom).bind(1, qint64(5));
    QVERIFY(again.next());
    QCOMPARE(again.int64(0), 5);
    QVERIFY(!again.next());
    QVERIFY(!m_db->prepared(kFrom).bind(1, qint64(6)).next());
}

void tst_SqlStatement::runCountsChangedRows()
{
    for (qint64 v = 1; v <= 10; ++v)
        QCOMPARE(store(int64(v)), v);
    // 0 first: the count of this statement, not the last insert's 1.
    QCOMPARE(m_db->prepared(kMarkBelow).bind(1, qint64(0)).run(), 0);
    QCOMPARE(m_db->prepared(kMarkBelow).bind(1, qint64(4)).run(), 3);
    QCOMPARE(m_db->prepared(kMarkBelow).bind(1, qint64(100)).run(), 10);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM t WHERE k LIKE 'marked%'")), 10);
}

void tst_SqlStatement::constraintViolationThrows()
{
    QCOMPARE(m_db->prepared(kInsertRow).bind(1, QStringLiteral("dup")).bind(2, qint64(1)).run(), 1);
    const QString message = errorOf([&] { m_db->prepared(kInsertRow).bind(1, QStringLiteral("dup")).bind(2, qint64(2)).run(); });
    QVERIFY2(message.contains(QLatin1String("UNIQUE constraint failed: t.k")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String(kInsertRow)), qPrintable(message));
    QCOMPARE(m_db->prepared(kInsertRow).bind(1, QStringLiteral("other")).bind(2, qint64(3)).run(), 1);
    QCOMPARE(value(QStringLiteral("SELECT group_concat(v) FROM t")).toString(), QStringLiteral("1,3"));
}

void tst_SqlStatement::invalidSqlThrows()
{
    static constexpr char kSyntax[] = "SELEC v FROM t";
    static constexpr char kNoTable[] = "SELECT v FROM no_such_table";
    for (const char *sql : {kSyntax, kNoTable, kSyntax}) { // twice: a failed prepare is not kept
        const QString message = errorOf([&] { m_db->prepared(sql); });
        QVERIFY2(message.startsWith(QLatin1String("prepare failed")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String(sql)), qPrintable(message));
    }
    QVERIFY(m_db->prepared(kEcho).bind(1, qint64(1)).next());
}

void tst_SqlStatement::closedDatabaseThrows()
{
    Database never;
    QVERIFY_THROWS_EXCEPTION(StoreError, never.prepared(kEcho));
    Database failed;
    QVERIFY(failed.open(m_dir->filePath(QStringLiteral("missing/dir/x.sqlite"))).has_value());
    QVERIFY_THROWS_EXCEPTION(StoreError, failed.prepared(kEcho));

    QVERIFY(m_db->prepared(kEcho).next());
    m_db->close();
    // Statements prepared before close are gone with the handle, not handed out dangling.
    QVERIFY_THROWS_EXCEPTION(StoreError, m_db->prepared(kEcho));
    QCOMPARE(m_db->open(path()), std::nullopt);
    SqlStatement &echo = m_db->prepared(kEcho).bind(1, qint64(7));
    QVERIFY(echo.next());
    QCOMPARE(echo.int64(0), 7);
}

void tst_SqlStatement::lastInsertRowId()
{
    QCOMPARE(m_db->prepared(kInsertWithId).bind(1, qint64(41)).bind(2, QStringLiteral("a")).run(), 1);
    QCOMPARE(m_db->lastInsertRowId(), 41);
    QCOMPARE(m_db->prepared(kInsertRow).bind(1, QStringLiteral("b")).run(), 1);
    QCOMPARE(m_db->lastInsertRowId(), 42);
    QCOMPARE(count(QStringLiteral("SELECT id FROM t WHERE k = 'b'")), 42);
}

void tst_SqlStatement::afterCommitWaitsForOutermostCommit()
{
    // A second connection: an action must find its data already visible to others.
    Database reader;
    QCOMPARE(reader.open(path()), std::nullopt);
    const auto stored = [&] {
        QSqlQuery query = reader.exec(QStringLiteral("SELECT count(*) FROM t"));
        return query.next() ? query.value(0).toInt() : -1;
    };
    QStringList ran;
    {
        WriteTransaction outer(*m_db);
        store(int64(1));
        m_db->afterCommit([&] { ran << QStringLiteral("outer saw %1").arg(stored()); });
        {
            WriteTransaction inner(*m_db);
            store(int64(2));
            m_db->afterCommit([&] { ran << QStringLiteral("inner saw %1").arg(stored()); });
            inner.commit();
            QCOMPARE(ran, QStringList());
            QCOMPARE(stored(), 0); // the inner commit stored nothing yet
        }
        QCOMPARE(ran, QStringList());
        outer.commit();
    }
    QCOMPARE(ran, (QStringList{QStringLiteral("outer saw 2"), QStringLiteral("inner saw 2")}));
    // Outside of a transaction there is nothing to wait for.
    m_db->afterCommit([&] { ran << QStringLiteral("outside saw %1").arg(stored()); });
    QCOMPARE(ran.value(2), QStringLiteral("outside saw 2"));
    {
        WriteTransaction later(*m_db);
        store(int64(3));
        later.commit();
    }
    QCOMPARE(ran.size(), 3); // each once, none again at the next commit
}

void tst_SqlStatement::afterCommitDroppedWithoutCommit()
{
    // A deferred foreign key fails only at COMMIT: the way to make a real COMMIT fail.
    m_db->exec(QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY)"));
    m_db->exec(QStringLiteral("CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)"));
    int runs = 0;
    {
        WriteTransaction failing(*m_db);
        m_db->exec(QStringLiteral("INSERT INTO child VALUES (7)"));
        m_db->afterCommit([&] { ++runs; });
        QVERIFY_THROWS_EXCEPTION(StoreError, failing.commit());
    }
    QCOMPARE(m_db->transactionDepth(), 0);
    {
        WriteTransaction rolledBack(*m_db);
        store(int64(1));
        m_db->afterCommit([&] { ++runs; });
    }
    {
        WriteTransaction outer(*m_db);
        WriteTransaction inner(*m_db);
        m_db->afterCommit([&] { ++runs; });
        inner.commit(); // committed inside, but the outer one rolls back
    }
    QCOMPARE(runs, 0);
    {
        WriteTransaction next(*m_db); // BEGIN would fail if the failed COMMIT had left one open
        store(int64(2));
        next.commit();
    }
    QCOMPARE(runs, 0); // none of the dropped actions comes back with this commit
    QCOMPARE(value(QStringLiteral("SELECT group_concat(v) FROM t")).toString(), QStringLiteral("2"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM child")), 0);
}

QTEST_GUILESS_MAIN(tst_SqlStatement)
#include "tst_sqlstatement.moc"
