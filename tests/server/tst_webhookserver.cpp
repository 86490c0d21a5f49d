#include "ApiTestClient.h"
#include "Database.h"
#include "HistorySeeder.h"
#include "Ids.h"
#include "Rfc3339.h"
#include "TestServer.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using Body = QJsonObject;

// Start-up, configuration and persistence of the whole server.
class tst_WebhookServer : public QObject
{
    Q_OBJECT
private slots:
    void generatesAdminTokenFilePrivately();
    void tokenFromFileAndEnvironment();
    void everythingSurvivesRestart();
    void extraEventTypes();
    void badEventTypesFileIsAStartError();
    void eventTypesCatalog();
    void retentionPrunesOldHistory();
    void durabilityDecidesWhatACommitSurvives_data();
    void durabilityDecidesWhatACommitSurvives();
    void emptyDatabaseBesideItsMasterKeyIsRefused();
    void tokenFileOthersCanReadIsWarnedAbout_data();
    void tokenFileOthersCanReadIsWarnedAbout();
};

void tst_WebhookServer::generatesAdminTokenFilePrivately()
{
    TestServer server;
    QVERIFY(server.start());
    const QString tokenPath = QDir(server.dataDir()).filePath(QStringLiteral("admin-token"));
    QFile tokenFile(tokenPath);
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    QCOMPARE(tokenFile.readAll().trimmed(), server.token());
    QVERIFY(server.token().size() >= 32);
    QCOMPARE(tokenFile.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther), QFile::Permissions());
    QFile db(QDir(server.dataDir()).filePath(QStringLiteral("webhooks.sqlite")));
    QCOMPARE(db.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QCOMPARE(QFile(server.dataDir()).permissions() & (QFile::ReadOther | QFile::ExeOther), QFile::Permissions());

    // The same token after a restart.
    const QByteArray token = server.token();
    QVERIFY(server.restart());
    QCOMPARE(server.token(), token);
}

void tst_WebhookServer::tokenFromFileAndEnvironment()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("from-file-token\n");
    file.close();
    TestServer fromFile([&](ServerConfig &c) { c.tokenFile = file.fileName(); });
    QVERIFY(fromFile.start());
    QCOMPARE(ApiTestClient(fromFile.url(QStringLiteral("/")), "from-file-token").get(QStringLiteral("/api/integrations/webhooks")).status, 200);
    QVERIFY(!QFile::exists(QDir(fromFile.dataDir()).filePath(QStringLiteral("admin-token"))));

    qputenv("ENA_WEBHOOKS_TOKEN", "from-env-token");
    TestServer fromEnv;
    QVERIFY(fromEnv.start());
    qunsetenv("ENA_WEBHOOKS_TOKEN");
    QCOMPARE(ApiTestClient(fromEnv.url(QStringLiteral("/")), "from-env-token").get(QStringLiteral("/api/integrations/webhooks")).status, 200);
    QCOMPARE(ApiTestClient(fromEnv.url(QStringLiteral("/")), "from-file-token").get(QStringLiteral("/api/integrations/webhooks")).status, 401);

    TestServer missing([](ServerConfig &c) { c.tokenFile = QStringLiteral("/nonexistent/token"); });
    QVERIFY(!missing.start());
    QVERIFY(missing.lastError().contains(QLatin1String("/nonexistent/token")));
}

void tst_WebhookServer::everythingSurvivesRestart()
{
    TestServer server;
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    const auto created = client.post(QStringLiteral("/api/integrations/webhooks"),
                                     Body{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/")},
                                          {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}});
    const QString id = created.json()[QStringLiteral("id")].toString();
    const auto test = client.post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/test"),
                                  Body{{QStringLiteral("event"), QStringLiteral("survey.response.created")}});
    QCOMPARE(test.status, 202);
    // Let the refused delivery use up its (short) schedule, so nothing changes across the restart.
    QTRY_COMPARE_WITH_TIMEOUT(client.get(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/deliveries?status=failed")).data().size(), 1, 10000);
    client.patch(QStringLiteral("/api/integrations/webhooks/") + id, Body{{QStringLiteral("enabled"), false}});
    const QJsonArray endpointsBefore = client.get(QStringLiteral("/api/integrations/webhooks")).data();
    const QJsonArray deliveriesBefore = client.get(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/deliveries")).data();

    QVERIFY(server.restart());
    client.setBase(server.url(QStringLiteral("/")));
    QCOMPARE(client.get(QStringLiteral("/api/integrations/webhooks")).data(), endpointsBefore);
    QCOMPARE(client.get(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/deliveries")).data(), deliveriesBefore);
    QCOMPARE(deliveriesBefore.size(), 1);
}

void tst_WebhookServer::extraEventTypes()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(R"([{"name":"order.shipped","description":"An order left the warehouse.","sample":{"order":1}}])");
    file.close();
    TestServer server([&](ServerConfig &c) { c.eventTypesFile = file.fileName(); });
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    const QJsonArray types = client.get(QStringLiteral("/api/integrations/event-types")).data();
    QCOMPARE(types.size(), 4);
    QCOMPARE(types.last().toObject()[QStringLiteral("name")].toString(), QStringLiteral("order.shipped"));
    const auto created = client.post(QStringLiteral("/api/integrations/webhooks"),
                                     Body{{QStringLiteral("url"), QStringLiteral("https://x.example.com/")},
                                          {QStringLiteral("events"), QJsonArray{QStringLiteral("order.shipped")}}});
    QCOMPARE(created.status, 201);
}

void tst_WebhookServer::badEventTypesFileIsAStartError()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(R"({"not":"an array"})");
    file.close();
    TestServer server([&](ServerConfig &c) { c.eventTypesFile = file.fileName(); });
    QVERIFY(!server.start());
    QVERIFY(server.lastError().contains(file.fileName()));
}

void tst_WebhookServer::eventTypesCatalog()
{
    TestServer server;
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    const auto reply = client.get(QStringLiteral("/api/integrations/event-types"));
    QCOMPARE(reply.status, 200);
    QStringList names;
    for (const QJsonValue &type : reply.data()) {
        names.append(type.toObject()[QStringLiteral("name")].toString());
        QVERIFY(!type.toObject()[QStringLiteral("description")].toString().isEmpty());
        QVERIFY(!type.toObject()[QStringLiteral("sample")].toObject().isEmpty());
    }
    QCOMPARE(names.join(QLatin1Char(',')), QStringLiteral("survey.response.created,feedback.ticket.created,hygiene.submission.created"));
}

void tst_WebhookServer::retentionPrunesOldHistory()
{
    TestServer server([](ServerConfig &c) { c.retentionDays = 30; });
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    const QString id = client.post(QStringLiteral("/api/integrations/webhooks"),
                                   Body{{QStringLiteral("url"), QStringLiteral("https://x.example.com/")},
                                        {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                                        {QStringLiteral("enabled"), false}})
                           .json()[QStringLiteral("id")].toString();
    constexpr qint64 day = 24LL * 3600 * 1000;
    const qint64 now = Rfc3339::nowMs();
    QString oldDelivered, oldFailed, recent, oldPending;
    QStringList keptEvents;
    // Events are found by id range (ids begin with their creation time); 0.1.0 made random ids,
    // which must be pruned by their age all the same.
    const QString randomOld = QStringLiteral("evt_zq8Kx0PbR3tLm9YwVn2cHd");
    const QString randomLowOld = QStringLiteral("evt_00000aB3tLm9YwVn2cHdQe");
    const QString randomRecent = QStringLiteral("evt_zz8Kx0PbR3tLm9YwVn2cHd");
    {
        HistorySeeder seeder(server.dataDir());
        oldDelivered = seeder.addDelivery(id, now - 40 * day, DeliveryStatus::Delivered);
        oldFailed = seeder.addDelivery(id, now - 31 * day, DeliveryStatus::Failed, 2, 500);
        recent = seeder.addDelivery(id, now - 29 * day, DeliveryStatus::Delivered);
        oldPending = seeder.addDelivery(id, now - 40 * day, DeliveryStatus::Pending, 1, 500);
        seeder.addLoneEvent(Ids::eventIdAt(now - 31 * day), now - 31 * day);
        seeder.addLoneEvent(randomOld, now - 40 * day);
        seeder.addLoneEvent(randomLowOld, now - 40 * day);
        seeder.addLoneEvent(randomRecent, now - day);
        keptEvents = {seeder.eventOf(recent), seeder.eventOf(oldPending), randomRecent};
    }
    QVERIFY(server.restart()); // retention runs at start, then hourly
    client.setBase(server.url(QStringLiteral("/")));
    QStringList kept;
    for (const QJsonValue &delivery : client.get(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/deliveries")).data())
        kept.append(delivery.toObject()[QStringLiteral("id")].toString());
    QCOMPARE(kept, (QStringList{recent, oldPending})); // pending work is never pruned
    // The events of pruned deliveries go too; those of kept deliveries stay.
    keptEvents.sort();
    QCOMPARE(HistorySeeder(server.dataDir()).eventIds(), keptEvents);
}

void tst_WebhookServer::durabilityDecidesWhatACommitSurvives_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("synchronous"); // what SQLite runs with: 2 FULL (log synced per commit), 1 NORMAL
    QTest::newRow("default") << QStringList() << 2;
    QTest::newRow("power-loss") << QStringList{QStringLiteral("--durability"), QStringLiteral("power-loss")} << 2;
    QTest::newRow("process-crash") << QStringList{QStringLiteral("--durability=process-crash")} << 1;
}

void tst_WebhookServer::durabilityDecidesWhatACommitSurvives()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, synchronous);
    ServerConfig parsed;
    const auto result = ServerConfig::parse(QStringList{QStringLiteral("ena-webhooks-server")} + arguments, parsed);
    QCOMPARE(result.error, QString());
    TestServer server([&](ServerConfig &c) { c.durability = parsed.durability; });
    QVERIFY(server.start());
    QSqlQuery pragma = server.server().database().exec(QStringLiteral("PRAGMA synchronous"));
    QVERIFY(pragma.next());
    QCOMPARE(pragma.value(0).toInt(), synchronous);
}

void tst_WebhookServer::emptyDatabaseBesideItsMasterKeyIsRefused()
{
    TestServer server;
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    QCOMPARE(client.post(QStringLiteral("/api/integrations/webhooks"),
                         Body{{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/a")},
                              {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}}).status, 201);
    server.stop();
    const QDir dir(server.dataDir());
    const QString database = dir.filePath(QStringLiteral("webhooks.sqlite"));
    QVERIFY(QFile::resize(database, 0)); // what a full disk or a failed restore leaves
    QFile::remove(database + QStringLiteral("-wal"));
    QFile::remove(database + QStringLiteral("-shm"));

    QVERIFY(!server.start());
    QVERIFY2(server.lastError().contains(database) && server.lastError().contains(QLatin1String("backup")),
             qPrintable(server.lastError()));
    QVERIFY2(server.lastError().contains(QLatin1String("delete both")), qPrintable(server.lastError()));
    QCOMPARE(QFileInfo(database).size(), 0); // left for the admin to look at

    // Deleting both, as the message says, starts afresh.
    QVERIFY(QFile::remove(database));
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("master.key"))));
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    client.setBase(server.url(QStringLiteral("/")));
    QCOMPARE(client.get(QStringLiteral("/api/integrations/webhooks")).data().size(), 0);
}

void tst_WebhookServer::tokenFileOthersCanReadIsWarnedAbout_data()
{
    QTest::addColumn<bool>("publishToken"); // else the admin token
    QTest::addColumn<int>("permissions");
    QTest::addColumn<bool>("warned");
    const int owner = int(QFile::ReadOwner | QFile::WriteOwner);
    QTest::newRow("admin 0600") << false << owner << false;
    QTest::newRow("admin 0640") << false << (owner | int(QFile::ReadGroup)) << true;
    QTest::newRow("admin 0604") << false << (owner | int(QFile::ReadOther)) << true;
    QTest::newRow("publish 0600") << true << owner << false;
    QTest::newRow("publish 0644") << true << (owner | int(QFile::ReadGroup | QFile::ReadOther)) << true;
}

void tst_WebhookServer::tokenFileOthersCanReadIsWarnedAbout()
{
    QFETCH(bool, publishToken);
    QFETCH(int, permissions);
    QFETCH(bool, warned);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("secret-token-value-1234567890\n");
    file.close();
    QVERIFY(file.setPermissions(QFile::Permissions(permissions)));
    if (warned)
        QTest::ignoreMessage(QtWarningMsg, qPrintable(QStringLiteral("token file %1 can be read by other users; chmod 600 it").arg(path)));
    else
        QTest::failOnWarning(QRegularExpression(QStringLiteral("token file")));
    QTest::failOnWarning(QRegularExpression(QStringLiteral("secret-token-value")));
    TestServer server([&](ServerConfig &c) { (publishToken ? c.publishTokenFile : c.tokenFile) = path; });
    QVERIFY(server.start());
}

QTEST_GUILESS_MAIN(tst_WebhookServer)
#include "tst_webhookserver.moc"
