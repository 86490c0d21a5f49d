#include "ApiTestClient.h"
#include "Database.h"
#include "DatabaseFile.h"
#include "TestServer.h"

#include <QDir>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

// A damaged database as the admin meets it: refused at start with what to do about it, and
// reported by GET /api/health (503 "degraded") when the damage, or a full disk, shows up while
// the server runs; a disk that takes writes again makes it "ok" again.
class tst_DatabaseHealth : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void damagedFileIsRefusedAtStart_data();
    void damagedFileIsRefusedAtStart();
    void damageFoundWhileRunningTurnsHealthDegraded();
    void fullDiskIsDegradedUntilWritesSucceedAgain();

private:
    ApiTestClient::Reply publish(int dataBytes = 16);
    ApiTestClient::Reply health();
    QString databasePath() const;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

void tst_DatabaseHealth::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

void tst_DatabaseHealth::cleanup()
{
    m_client.reset();
    m_server.reset();
}

ApiTestClient::Reply tst_DatabaseHealth::publish(int dataBytes)
{
    const QJsonObject body{{QStringLiteral("type"), QStringLiteral("survey.response.created")},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("text"), QString(dataBytes, QLatin1Char('x'))}}}};
    return m_client->post(QStringLiteral("/api/events"), body);
}

ApiTestClient::Reply tst_DatabaseHealth::health()
{
    return m_client->get(QStringLiteral("/api/health"));
}

QString tst_DatabaseHealth::databasePath() const
{
    return QDir(m_server->dataDir()).filePath(QStringLiteral("webhooks.sqlite"));
}

void tst_DatabaseHealth::damagedFileIsRefusedAtStart_data()
{
    QTest::addColumn<QString>("page"); // "3": the third page; else the root page of that table
    QTest::newRow("page 3") << QStringLiteral("3");
    QTest::newRow("root of the events table") << QStringLiteral("events");
}

void tst_DatabaseHealth::damagedFileIsRefusedAtStart()
{
    QFETCH(QString, page);
    QCOMPARE(m_client->post(QStringLiteral("/api/integrations/webhooks"),
                            {{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/a")},
                             {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}}).status, 201);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(publish().status, 202);
    const DatabaseFile file(databasePath());
    const int number = page == QLatin1String("3") ? 3 : file.rootPage(page);
    QVERIFY(number > 0);
    m_server->stop();
    QVERIFY(file.overwritePage(number));

    QVERIFY(!m_server->start());
    const QString error = m_server->lastError();
    QVERIFY2(error.contains(databasePath()) && error.contains(QLatin1String("damaged")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("backup")) && error.contains(QLatin1String(".recover")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("master key")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
}

void tst_DatabaseHealth::damageFoundWhileRunningTurnsHealthDegraded()
{
    for (int i = 0; i < 50; ++i)
        QCOMPARE(publish().status, 202);
    QCOMPARE(health().status, 200);
    QCOMPARE(health().json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    const DatabaseFile file(databasePath());
    const int eventsRoot = file.rootPage(QStringLiteral("events"));
    QVERIFY(eventsRoot > 0);
    QVERIFY(file.checkpoint());
    QVERIFY(file.overwritePage(eventsRoot));
    QVERIFY(file.touch());

    QCOMPARE(publish().status, 500);
    const auto reply = health();
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    const QString reason = reply.json().value(QStringLiteral("reason")).toString();
    QVERIFY2(reason.contains(QLatin1String("damaged")) && reason.contains(QLatin1String("malformed")), qPrintable(reason));
    QVERIFY2(!reason.contains(m_server->dataDir()), qPrintable(reason)); // no paths to the public
    QCOMPARE(publish().status, 500);
    QCOMPARE(health().status, 503); // damage does not heal by itself
}

void tst_DatabaseHealth::fullDiskIsDegradedUntilWritesSucceedAgain()
{
    QCOMPARE(publish().status, 202);
    // SQLite's own cap on the file's size stands in for a full disk: the same SQLITE_FULL.
    Database &db = m_server->server().database();
    QSqlQuery pages = db.exec(QStringLiteral("PRAGMA page_count"));
    QVERIFY(pages.next());
    const qint64 count = pages.value(0).toLongLong();
    pages.finish();
    db.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(count));

    QCOMPARE(publish(64 * 1024).status, 500); // needs pages the file may not grow by
    auto reply = health();
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    QVERIFY2(reply.json().value(QStringLiteral("reason")).toString().contains(QLatin1String("full")),
             reply.body.constData());

    db.exec(QStringLiteral("PRAGMA max_page_count = 1073741823"));
    QCOMPARE(publish(64 * 1024).status, 202);
    reply = health();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(tst_DatabaseHealth)
#include "tst_databasehealth.moc"
