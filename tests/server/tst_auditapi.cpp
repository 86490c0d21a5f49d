#include "ApiTestClient.h"
#include "Rfc3339.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QDir>
#include <QFile>
#include <QTest>

// GET /api/audit-log: every successful admin change is recorded (time, remote address, action,
// endpoint and delivery ids, never a secret), newest first, paged; nothing else is.
class tst_AuditApi : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void recordsEveryAdminChangeNewestFirst();
    void pagesAndValidates_data();
    void pagesAndValidates();
    void timeWindowCoversTheSecondsShown();
    void readsAndFailedChangesAreNotRecorded();
    void onlyTheAdminTokenMayRead();
    void outlivesRestartsAndDeletedEndpoints();

private:
    QString createEndpoint(const QUrl &url);
    QJsonArray entries();

    std::unique_ptr<TestReceiver> m_receiver;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

namespace {
const QString kBase = QStringLiteral("/api/integrations/webhooks");
} // namespace

void tst_AuditApi::init()
{
    m_receiver = std::make_unique<TestReceiver>();
    m_receiver->setDefault(TestReceiver::respond(500));
    m_server = std::make_unique<TestServer>([](ServerConfig &c) { c.retryScheduleMs = {0}; });
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

void tst_AuditApi::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_receiver.reset();
}

QString tst_AuditApi::createEndpoint(const QUrl &url)
{
    return m_client->post(kBase, {{QStringLiteral("url"), url.toString()}, {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
        .json()[QStringLiteral("id")]
        .toString();
}

QJsonArray tst_AuditApi::entries()
{
    return m_client->get(QStringLiteral("/api/audit-log?per_page=100")).data();
}

void tst_AuditApi::recordsEveryAdminChangeNewestFirst()
{
    const QString id = createEndpoint(m_receiver->url());
    const QString one = kBase + QLatin1Char('/') + id;
    QCOMPARE(m_client->patch(one, {{QStringLiteral("events"), QJsonArray{QStringLiteral("survey.response.created")}}}).status, 200);
    const auto rotated = m_client->post(one + QStringLiteral("/rotate-secret"));
    QCOMPARE(rotated.status, 200);
    const auto test = m_client->post(one + QStringLiteral("/test"), {{QStringLiteral("event"), QStringLiteral("survey.response.created")}});
    QCOMPARE(test.status, 202);
    const QString testDelivery = test.json()[QStringLiteral("id")].toString();
    QVERIFY(QTest::qWaitFor([&] {
        return m_client->get(one + QStringLiteral("/deliveries/") + testDelivery).json()[QStringLiteral("status")].toString()
            == QLatin1String("failed");
    }, 5000));
    QCOMPARE(m_client->post(one + QStringLiteral("/deliveries/") + testDelivery + QStringLiteral("/retry")).status, 202);
    QCOMPARE(m_client->del(one).status, 204);

    const QJsonArray log = entries();
    const QStringList expected{QStringLiteral("endpoint.deleted"), QStringLiteral("delivery.retried"),
                               QStringLiteral("endpoint.test_sent"), QStringLiteral("endpoint.secret_rotated"),
                               QStringLiteral("endpoint.updated"), QStringLiteral("endpoint.created")};
    QCOMPARE(log.size(), expected.size());
    qint64 previousId = std::numeric_limits<qint64>::max();
    for (qsizetype i = 0; i < log.size(); ++i) {
        const QJsonObject entry = log.at(i).toObject();
        QCOMPARE(entry[QStringLiteral("action")].toString(), expected.at(i));
        QCOMPARE(entry[QStringLiteral("endpoint_id")].toString(), id);
        QCOMPARE(entry[QStringLiteral("remote_address")].toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(entry[QStringLiteral("at")].toString().endsWith(QLatin1Char('Z')));
        const QString entryId = entry[QStringLiteral("id")].toString();
        QVERIFY2(entryId.startsWith(QLatin1String("aud_")), qPrintable(entryId));
        QVERIFY(entryId.mid(4).toLongLong() < previousId);
        previousId = entryId.mid(4).toLongLong();
        const bool aboutDelivery = i == 1 || i == 2;
        QCOMPARE(entry[QStringLiteral("delivery_id")].toString(), aboutDelivery ? testDelivery : QString());
        QCOMPARE(entry[QStringLiteral("delivery_id")].isNull(), !aboutDelivery);
    }
    const QByteArray raw = m_client->get(QStringLiteral("/api/audit-log?per_page=100")).body;
    QVERIFY(!raw.contains(rotated.json()[QStringLiteral("secret")].toString().toUtf8()));
    QVERIFY(!raw.contains("whs_"));
    QVERIFY(!raw.contains(m_server->token()));
}

void tst_AuditApi::pagesAndValidates_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("items");
    QTest::addColumn<QString>("firstAction"); // of the page, when items > 0
    QTest::newRow("default") << QString() << 200 << 5 << QStringLiteral("endpoint.deleted");
    QTest::newRow("first of two per page") << QStringLiteral("?per_page=2") << 200 << 2 << QStringLiteral("endpoint.deleted");
    QTest::newRow("last of two per page") << QStringLiteral("?per_page=2&page=3") << 200 << 1 << QStringLiteral("endpoint.created");
    QTest::newRow("page out of range") << QStringLiteral("?per_page=2&page=4") << 422 << 0 << QString();
    QTest::newRow("per_page too big") << QStringLiteral("?per_page=101") << 422 << 0 << QString();
    QTest::newRow("page zero") << QStringLiteral("?page=0") << 422 << 0 << QString();
    QTest::newRow("unknown parameter") << QStringLiteral("?action=x") << 422 << 0 << QString();
    QTest::newRow("per_page twice") << QStringLiteral("?per_page=1&per_page=50") << 422 << 0 << QString();
    QTest::newRow("from not a time") << QStringLiteral("?from=yesterday") << 422 << 0 << QString();
    QTest::newRow("from after to") << QStringLiteral("?from=2026-06-08T00:00:00Z&to=2026-06-07T00:00:00Z") << 422 << 0 << QString();
    QTest::newRow("window before everything") << QStringLiteral("?to=2000-01-01T00:00:00Z") << 200 << 0 << QString();
    QTest::newRow("window around everything") << QStringLiteral("?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z") << 200 << 5
                                              << QStringLiteral("endpoint.deleted");
}

void tst_AuditApi::pagesAndValidates()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(int, items);
    QFETCH(QString, firstAction);
    for (int i = 0; i < 4; ++i)
        createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/%1").arg(i)));
    QCOMPARE(m_client->del(kBase + QLatin1Char('/') + m_client->get(kBase).data().first().toObject()[QStringLiteral("id")].toString()).status, 204);

    const auto reply = m_client->get(QStringLiteral("/api/audit-log") + query);
    QCOMPARE(reply.status, status);
    if (status != 200) {
        QVERIFY(!reply.errorMessage().isEmpty());
        return;
    }
    QCOMPARE(reply.data().size(), items);
    if (items == 0) {
        QCOMPARE(reply.json()[QStringLiteral("meta")].toObject()[QStringLiteral("total")].toInt(), 0);
        return;
    }
    QCOMPARE(reply.data().first().toObject()[QStringLiteral("action")].toString(), firstAction);
    QCOMPARE(reply.json()[QStringLiteral("meta")].toObject()[QStringLiteral("total")].toInt(), 5);
}

void tst_AuditApi::timeWindowCoversTheSecondsShown()
{
    createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/x")));
    const QString at = entries().first()[QStringLiteral("at")].toString();
    const auto shownAt = Rfc3339::parse(at);
    QVERIFY(shownAt);
    const auto query = [](const QString &name, qint64 ms) -> QString {
        return name + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(Rfc3339::format(ms)));
    };
    // The entry is stored to the millisecond and shown to the second: echoing its time back as
    // "to", or as both ends, must find it.
    const auto upTo = m_client->get(QStringLiteral("/api/audit-log?") + query(QStringLiteral("to"), *shownAt));
    QCOMPARE(upTo.status, 200);
    QCOMPARE(upTo.data().size(), 1);
    const auto thatSecond = m_client->get(QStringLiteral("/api/audit-log?") + query(QStringLiteral("from"), *shownAt)
                                          + QLatin1Char('&') + query(QStringLiteral("to"), *shownAt));
    QCOMPARE(thatSecond.status, 200);
    QCOMPARE(thatSecond.data().size(), 1);
    QCOMPARE(thatSecond.data().first()[QStringLiteral("at")].toString(), at);
    // The seconds around it hold nothing.
    QCOMPARE(m_client->get(QStringLiteral("/api/audit-log?") + query(QStringLiteral("to"), *shownAt - 1000)).data().size(), 0);
    QCOMPARE(m_client->get(QStringLiteral("/api/audit-log?") + query(QStringLiteral("from"), *shownAt + 1000)).data().size(), 0);
}

void tst_AuditApi::readsAndFailedChangesAreNotRecorded()
{
    const QString id = createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/x")));
    m_client->get(kBase);
    m_client->get(kBase + QLatin1Char('/') + id);
    QCOMPARE(m_client->patch(kBase + QLatin1Char('/') + id, {{QStringLiteral("url"), QStringLiteral("ftp://nope")}}).status, 422);
    QCOMPARE(m_client->del(kBase + QStringLiteral("/whe_doesNotExist")).status, 404);
    QCOMPARE(m_client->post(QStringLiteral("/api/events"), {{QStringLiteral("type"), QStringLiteral("survey.response.created")},
                                                            {QStringLiteral("data"), QJsonObject()}}).status, 202);
    const QJsonArray log = entries();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().toObject()[QStringLiteral("action")].toString(), QStringLiteral("endpoint.created"));
}

void tst_AuditApi::onlyTheAdminTokenMayRead()
{
    QTemporaryDir dir;
    const QString publishTokenFile = QDir(dir.path()).filePath(QStringLiteral("publish-token"));
    QFile file(publishTokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("publish-only-token\n");
    file.close();
    m_server->stop();
    m_server->config().publishTokenFile = publishTokenFile;
    QVERIFY(m_server->start());
    ApiTestClient publisher(m_server->url(QStringLiteral("/")), "publish-only-token");
    QCOMPARE(publisher.get(QStringLiteral("/api/audit-log")).status, 403);
    ApiTestClient anonymous(m_server->url(QStringLiteral("/")));
    QCOMPARE(anonymous.get(QStringLiteral("/api/audit-log")).status, 401);
}

void tst_AuditApi::outlivesRestartsAndDeletedEndpoints()
{
    const QString id = createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/x")));
    QCOMPARE(m_client->del(kBase + QLatin1Char('/') + id).status, 204);
    QVERIFY(m_server->restart());
    m_client->setBase(m_server->url(QStringLiteral("/")));
    const QJsonArray log = entries();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.last().toObject()[QStringLiteral("endpoint_id")].toString(), id);
}

QTEST_GUILESS_MAIN(tst_AuditApi)
#include "tst_auditapi.moc"
