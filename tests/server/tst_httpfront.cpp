#include "ApiTestClient.h"
#include "TestServer.h"

#include "EnaVersion.h"

#include <QTcpSocket>
#include <QTest>

// What every route shares: authentication, 404/405/413, the error shape, and surviving bad input.
class tst_HttpFront : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void healthNeedsNoToken();
    void auth_data();
    void auth();
    void unknownRouteIs404();
    void wrongMethodIs405WithAllow_data();
    void wrongMethodIs405WithAllow();
    void bodyOverLimitIs413();
    void hostileInputGets4xx_data();
    void hostileInputGets4xx();
    void garbageOnTheSocketDoesNotKillTheServer();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

void tst_HttpFront::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

void tst_HttpFront::healthNeedsNoToken()
{
    ApiTestClient anonymous(m_server->url(QStringLiteral("/")));
    const auto reply = anonymous.get(QStringLiteral("/api/health"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[QStringLiteral("status")].toString(), QStringLiteral("ok"));
    QCOMPARE(reply.json()[QStringLiteral("version")].toString(), QStringLiteral(ENA_WEBHOOKS_VERSION));
}

void tst_HttpFront::auth_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("wrong token") << QByteArray("Bearer nope") << 401;
    QTest::newRow("token prefix only") << QByteArray("Bearer ") << 401;
    QTest::newRow("basic scheme") << QByteArray("Basic dXNlcjpwYXNz") << 401;
    QTest::newRow("right token") << QByteArray("Bearer %TOKEN%") << 200;
    QTest::newRow("scheme case-insensitive") << QByteArray("bearer %TOKEN%") << 200;
}

void tst_HttpFront::auth()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    authorization.replace("%TOKEN%", m_server->token());
    ApiTestClient anonymous(m_server->url(QStringLiteral("/")));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const auto reply = anonymous.send("GET", QStringLiteral("/api/integrations/webhooks"), {}, headers);
    QCOMPARE(reply.status, status);
    if (status == 401) {
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(reply.header("WWW-Authenticate"), QByteArray("Bearer"));
        QVERIFY(!reply.body.contains(m_server->token()));
    }
}

void tst_HttpFront::unknownRouteIs404()
{
    const auto reply = m_client->get(QStringLiteral("/api/nothing/here"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
    QVERIFY(reply.errorMessage().contains(QLatin1String("/api/nothing/here")));
}

void tst_HttpFront::wrongMethodIs405WithAllow_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("put collection") << QByteArray("PUT") << QStringLiteral("/api/integrations/webhooks") << QByteArray("GET, POST");
    QTest::newRow("post one") << QByteArray("POST") << QStringLiteral("/api/integrations/webhooks/whe_x") << QByteArray("GET, PATCH, DELETE");
    QTest::newRow("get rotate") << QByteArray("GET") << QStringLiteral("/api/integrations/webhooks/whe_x/rotate-secret") << QByteArray("POST");
    QTest::newRow("delete events") << QByteArray("DELETE") << QStringLiteral("/api/events") << QByteArray("POST");
}

void tst_HttpFront::wrongMethodIs405WithAllow()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);
    const auto reply = m_client->send(method, path);
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), allow);
    QCOMPARE(reply.errorCode(), QStringLiteral("method_not_allowed"));
}

void tst_HttpFront::bodyOverLimitIs413()
{
    const QByteArray huge = R"({"url":"https://x.example.com/","events":["*"],"pad":")" + QByteArray(1024 * 1024, 'a') + "\"}";
    const auto reply = m_client->send("POST", QStringLiteral("/api/integrations/webhooks"), huge,
                                      {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("payload_too_large"));
    QCOMPARE(m_client->get(QStringLiteral("/api/integrations/webhooks")).status, 200);
}

void tst_HttpFront::hostileInputGets4xx_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const QString create = QStringLiteral("/api/integrations/webhooks");
    QTest::newRow("deep nesting") << QByteArray("POST") << create << QByteArray(5000, '[') << 400;
    QTest::newRow("invalid utf-8") << QByteArray("POST") << create << QByteArray("{\"url\":\"https://x.example.com/\xff\xfe\",\"events\":[\"*\"]}") << 400;
    QTest::newRow("huge number") << QByteArray("POST") << create << QByteArray(R"({"url":1e400,"events":["*"]})") << 400;
    QTest::newRow("sql-looking id") << QByteArray("GET") << QStringLiteral("/api/integrations/webhooks/x'%20OR%20'1'='1") << QByteArray() << 404;
    QTest::newRow("sql-looking url") << QByteArray("POST") << create << QByteArray(R"({"url":"https://x.example.com/'); DROP TABLE endpoints;--","events":["*"]})") << 422;
    QTest::newRow("sql-looking url path") << QByteArray("POST") << create << QByteArray(R"({"url":"https://x.example.com/x');DROP--","events":["*"]})") << 201;
    QTest::newRow("null body fields") << QByteArray("POST") << create << QByteArray(R"({"url":null,"events":null})") << 400;
    QTest::newRow("long path") << QByteArray("GET") << QStringLiteral("/api/") + QString(8000, QLatin1Char('a')) << QByteArray() << 404;
}

void tst_HttpFront::hostileInputGets4xx()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const auto reply = m_client->send(method, path, body, {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, status);
    if (status >= 400)
        QVERIFY(!reply.errorMessage().isEmpty());
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
}

void tst_HttpFront::garbageOnTheSocketDoesNotKillTheServer()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->server().port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write("\x16\x03\x01 this is not HTTP\r\n\r\n");
    socket.waitForBytesWritten(1000);
    QTest::qWait(100);
    socket.abort();
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
}

QTEST_GUILESS_MAIN(tst_HttpFront)
#include "tst_httpfront.moc"
