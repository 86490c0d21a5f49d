#include "Database.h"
#include "DeliveryStore.h"
#include "EndpointStore.h"
#include "Ids.h"
#include "Rfc3339.h"
#include "StoreError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
// The events table as schema 3 (0.1.0 and the releases after it) had it: a rowid table with
// an index on created_at.
const QStringList kBackToSchema3{
    QStringLiteral("CREATE TABLE events_v3 (id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL, "
                   "created_at INTEGER NOT NULL, test INTEGER NOT NULL DEFAULT 0)"),
    QStringLiteral("INSERT INTO events_v3 SELECT id, type, data, created_at, test FROM events"),
    QStringLiteral("DROP TABLE events"),
    QStringLiteral("ALTER TABLE events_v3 RENAME TO events"),
    QStringLiteral("CREATE INDEX events_by_created ON events(created_at)"),
    QStringLiteral("PRAGMA user_version = 3"),
};

QString single(Database &db, const QString &sql)
{
    QSqlQuery row = db.exec(sql);
    return row.next() ? row.value(0).toString() : QString();
}
} // namespace

class tst_Database : public QObject
{
    Q_OBJECT
private slots:
    void schema3EventsMoveToTheirIdWithNothingLost();
    void newerSchemaIsRefused();
    void integrityCheckOutOfTimeLetsTheStartGoOn();
};

void tst_Database::schema3EventsMoveToTheirIdWithNothingLost()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("webhooks.sqlite"));
    const qint64 now = Rfc3339::nowMs();
    const QString randomId = QStringLiteral("evt_zq8Kx0PbR3tLm9YwVn2cHd"); // as 0.1.0 made them
    Endpoint endpoint;
    endpoint.id = Ids::endpointId();
    endpoint.url = QStringLiteral("https://hooks.example.com/ena");
    endpoint.events = {QStringLiteral("*")};
    endpoint.secret = Ids::endpointSecret();
    endpoint.createdAtMs = now;
    Delivery delivery;
    delivery.id = Ids::deliveryId();
    delivery.endpointId = endpoint.id;
    delivery.createdAtMs = now - 1000;
    {
        Database db;
        QVERIFY(!db.open(path));
        EndpointStore(db).insert(endpoint);
        DeliveryStore(db).addEvent({randomId, QStringLiteral("survey.response.created"),
                                    QByteArrayLiteral(R"({"score":9})"), now - 1000, false},
                                   {delivery});
        DeliveryStore(db).addEvent({Ids::eventId(), QStringLiteral("feedback.ticket.created"), QByteArrayLiteral("{}"), now, true}, {});
    }
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("schema3"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        for (const QString &statement : kBackToSchema3) {
            QSqlQuery query(raw);
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("schema3"));

    Database db;
    const auto error = db.open(path);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
    QCOMPARE(single(db, QStringLiteral("PRAGMA user_version")), QStringLiteral("4"));
    QVERIFY(single(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'events'")).contains(QLatin1String("WITHOUT ROWID")));
    QCOMPARE(single(db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_by_created'")), QStringLiteral("0"));
    QCOMPARE(single(db, QStringLiteral("SELECT COUNT(*) FROM events")), QStringLiteral("2"));
    QCOMPARE(single(db, QStringLiteral("SELECT COUNT(*) FROM events WHERE test = 1 AND type = 'feedback.ticket.created'")),
             QStringLiteral("1"));

    // The pending delivery still reaches its event: the claim sends the same payload as before.
    const QList<DueDelivery> due = DeliveryStore(db).claim(now, 10, {});
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().deliveryId, delivery.id);
    const QJsonObject payload = QJsonDocument::fromJson(due.first().payload).object();
    QCOMPARE(payload[QStringLiteral("id")].toString(), randomId);
    QCOMPARE(payload[QStringLiteral("data")].toObject()[QStringLiteral("score")].toInt(), 9);

    // Foreign keys are enforced again after the migration ran without them.
    QCOMPARE(single(db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
    QVERIFY_THROWS_EXCEPTION(StoreError, db.exec(QStringLiteral("INSERT INTO deliveries (id, endpoint_id, event_id, event_type, "
                                                                "status, created_at) VALUES (?, ?, 'evt_missing', 'x', 'pending', 0)"),
                                                 {Ids::deliveryId(), endpoint.id}));
}

void tst_Database::newerSchemaIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("webhooks.sqlite"));
    {
        Database db;
        QVERIFY(!db.open(path));
        db.exec(QStringLiteral("PRAGMA user_version = 99"));
    }
    Database db;
    const auto error = db.open(path);
    QVERIFY(error);
    QVERIFY2(error->contains(QLatin1String("newer version")), qPrintable(*error));
}

void tst_Database::integrityCheckOutOfTimeLetsTheStartGoOn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("webhooks.sqlite"));
    {
        Database db;
        QVERIFY(!db.open(path));
        // About 40 MB: tens of milliseconds to check anywhere.
        db.exec(QStringLiteral("CREATE TABLE filler (data BLOB)"));
        db.exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
                               "INSERT INTO filler SELECT randomblob(4000) FROM n"));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^the database check stopped after \\d+ ms \\(\\d+ MB\\)")));
    Database db;
    Database::Options options;
    options.integrityCheckMs = 1;
    QCOMPARE(db.open(path, options), std::nullopt);
    // Opened for use: the schema is there and takes writes.
    QCOMPARE(single(db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
    db.exec(QStringLiteral("INSERT INTO idempotency_keys (key, response, created_at) VALUES ('k', '{}', 0)"));
    QCOMPARE(single(db, QStringLiteral("SELECT COUNT(*) FROM idempotency_keys")), QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
