#include "ApiTestClient.h"
#include "PosixTcpClient.h"
#include "RawHttpClient.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>


// How a connection lives on the real server, over raw sockets, as attacks and odd clients send
// it: where one request ends (a header block QtHttpServer would refuse cannot smuggle a second
// request), that every request runs exactly once whatever its headers, that pipelined answers
// are paced by what the client reads, and that Connection: close, HTTP/1.0 and Expect:
// 100-continue mean what RFC 9112 says.
class tst_ConnectionLifecycle : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void refusedHeaderCannotSmuggleARequest_data();
    void refusedHeaderCannotSmuggleARequest();
    void upgradeHeadersDoNotRunARequestTwice();
    void pipelinedAnswersReachAClientThatReads();
    void clientThatStopsReadingIsCutOffQuietly();
    void connectionEndsAfterTheAnswer_data();
    void connectionEndsAfterTheAnswer();
    void expectContinueGetsContinue();

private:
    void startServer(std::function<void(ServerConfig &)> adjust = {});
    quint16 port() { return m_server->server().port(); }
    QString createEndpoint(const QString &url);

    std::unique_ptr<TestServer> m_server;
};

namespace {

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &headers = {},
                   const QByteArray &body = {}, const QByteArray &version = "HTTP/1.1")
{
    return method + ' ' + target + ' ' + version + "\r\nHost: 127.0.0.1\r\n" + headers + "\r\n" + body;
}

// How many answers a client that reads only when asked has received.
int answers(const PosixTcpClient &client)
{
    return int(client.received().count("HTTP/1.1 200 OK\r\n"));
}

} // namespace

void tst_ConnectionLifecycle::cleanup()
{
    m_server.reset();
}

void tst_ConnectionLifecycle::startServer(std::function<void(ServerConfig &)> adjust)
{
    m_server = std::make_unique<TestServer>(std::move(adjust));
    QVERIFY(m_server->start());
}

QString tst_ConnectionLifecycle::createEndpoint(const QString &url)
{
    ApiTestClient admin(m_server->url(QStringLiteral("/")), m_server->token());
    const auto created = admin.post(QStringLiteral("/api/integrations/webhooks"),
                                    {{QStringLiteral("url"), url}, {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}});
    return created.status == 201 ? created.json()[QStringLiteral("id")].toString() : QString();
}

void tst_ConnectionLifecycle::refusedHeaderCannotSmuggleARequest_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::newRow("parenthesis") << QByteArray("X(: y") << 400;
    QTest::newRow("slash") << QByteArray("X/: y") << 400;
    QTest::newRow("at sign") << QByteArray("X@: y") << 400;
    QTest::newRow("NUL") << QByteArray("X\0Y: y", 6) << 400;
    QTest::newRow("non-ASCII") << QByteArray("X\xc3\xa9: y") << 400;
    QTest::newRow("field over 8 KiB") << "X-Long: " + QByteArray(8200, 'v') << 431;
}

// QtHttpServer drops every header of a request whose header block it refuses, Content-Length
// included, and parses the body as the next request, which no limit then applies to.
void tst_ConnectionLifecycle::refusedHeaderCannotSmuggleARequest()
{
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    startServer();
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    const QByteArray smuggled = request("GET", "/api/health");
    client.send(request("POST", "/api/health", header + "\r\nContent-Length: " + QByteArray::number(smuggled.size()) + "\r\n",
                        smuggled));
    const auto answer = client.waitForResponse();
    QVERIFY(answer);
    QCOMPARE(answer->status, status);
    QVERIFY(client.waitForClosed(5000));
    QVERIFY(!client.waitForResponse(100)); // the body was never taken for a request
}

// Qt 6.4 runs handleRequest and then missingHandler for an upgrade request.
void tst_ConnectionLifecycle::upgradeHeadersDoNotRunARequestTwice()
{
    startServer([](ServerConfig &c) { c.allowPrivateNetwork = true; });
    TestReceiver receiver;
    const QString endpoint = createEndpoint(receiver.url().toString());
    QVERIFY(!endpoint.isEmpty());
    const QByteArray upgrade = "Authorization: Bearer " + m_server->token()
        + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nContent-Type: application/json\r\n";
    const QByteArray event = R"({"type":"survey.response.created","data":{"n":1}})";

    RawHttpClient publisher(port());
    publisher.send(request("POST", "/api/events", upgrade + "Content-Length: " + QByteArray::number(event.size()) + "\r\n", event));
    const auto accepted = publisher.waitForResponse();
    QVERIFY(accepted);
    QCOMPARE(accepted->status, 202);

    RawHttpClient rotator(port());
    rotator.send(request("POST", "/api/integrations/webhooks/" + endpoint.toLatin1() + "/rotate-secret", upgrade));
    const auto rotated = rotator.waitForResponse();
    QVERIFY(rotated);
    QCOMPARE(rotated->status, 200);

    ApiTestClient admin(m_server->url(QStringLiteral("/")), m_server->token());
    QTRY_COMPARE(receiver.count(), 1);
    const auto deliveries = admin.get(QStringLiteral("/api/integrations/webhooks/%1/deliveries").arg(endpoint));
    QCOMPARE(deliveries.json()[QStringLiteral("meta")].toObject()[QStringLiteral("total")].toInt(), 1);
    const auto audit = admin.get(QStringLiteral("/api/audit-log"));
    int rotations = 0;
    for (const auto entry : audit.data())
        rotations += entry.toObject()[QStringLiteral("action")].toString() == QStringLiteral("endpoint.secret_rotated");
    QCOMPARE(rotations, 1);
}

// Answers big enough that 400 of them are many MiB: a client that reads them, however slowly,
// gets every one (the server used to cut it off once 4 MiB waited in its buffer).
void tst_ConnectionLifecycle::pipelinedAnswersReachAClientThatReads()
{
    startServer();
    for (int i = 0; i < 20; ++i)
        QVERIFY(!createEndpoint(QStringLiteral("https://hooks.example.com/%1/").arg(i) + QString(1500, QLatin1Char('p'))).isEmpty());
    PosixTcpClient client(port());
    QVERIFY(client.isConnected());
    const QByteArray list = request("GET", "/api/integrations/webhooks", "Authorization: Bearer " + m_server->token() + "\r\n");
    constexpr int kRequests = 400;
    QVERIFY(client.sendAll(list.repeated(kRequests)));
    QTRY_VERIFY_WITH_TIMEOUT(!client.read() || answers(client) == kRequests, 60000);
    QCOMPARE(answers(client), kRequests);
    QVERIFY(client.read()); // and the connection is still open for more
}

// Pipelining without reading: the server stops taking its requests, closes it after the idle
// timeout, and logs nothing for it (it used to log a warning per unread request, forever).
void tst_ConnectionLifecycle::clientThatStopsReadingIsCutOffQuietly()
{
    startServer([](ServerConfig &c) { c.idleTimeoutMs = 300; });
    for (int i = 0; i < 20; ++i)
        QVERIFY(!createEndpoint(QStringLiteral("https://hooks.example.com/%1/").arg(i) + QString(1500, QLatin1Char('p'))).isEmpty());
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    PosixTcpClient client(port());
    QVERIFY(client.isConnected());
    const QByteArray list = request("GET", "/api/integrations/webhooks", "Authorization: Bearer " + m_server->token() + "\r\n");
    QVERIFY(client.sendAll(list.repeated(600))); // 18 MiB of answers, far beyond the kernel's buffers
    QTRY_VERIFY_WITH_TIMEOUT(client.closedByServer(), 30000);
    ApiTestClient other(m_server->url(QStringLiteral("/")));
    QCOMPARE(other.get(QStringLiteral("/api/health")).status, 200);
}

void tst_ConnectionLifecycle::connectionEndsAfterTheAnswer_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("publish"); // its answer waits for a group commit
    QTest::newRow("Connection: close") << QByteArray("HTTP/1.1") << QByteArray("Connection: close\r\n") << false;
    QTest::newRow("close among other options") << QByteArray("HTTP/1.1") << QByteArray("Connection: keep-alive, Close\r\n") << false;
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0") << QByteArray() << false;
    QTest::newRow("publish, Connection: close") << QByteArray("HTTP/1.1") << QByteArray("Connection: close\r\n") << true;
    QTest::newRow("publish, HTTP/1.0") << QByteArray("HTTP/1.0") << QByteArray() << true;
}

// Closed right after the answer, not at the idle timeout; a request sent after it is not run.
void tst_ConnectionLifecycle::connectionEndsAfterTheAnswer()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, headers);
    QFETCH(bool, publish);
    startServer([](ServerConfig &c) { c.idleTimeoutMs = 60000; });
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    const QByteArray event = R"({"type":"survey.response.created","data":{}})";
    const QByteArray auth = "Authorization: Bearer " + m_server->token() + "\r\n";
    const QByteArray first = publish ? request("POST", "/api/events",
                                               auth + headers + "Content-Type: application/json\r\nContent-Length: "
                                                   + QByteArray::number(event.size()) + "\r\n",
                                               event, version)
                                     : request("GET", "/api/health", headers, {}, version);
    client.send(first + request("DELETE", "/api/integrations/webhooks/whe_never", auth));
    const auto answer = client.waitForResponse();
    QVERIFY(answer);
    QCOMPARE(answer->status, publish ? 202 : 200);
    QCOMPARE(answer->header("Connection").toLower(), QByteArray("close"));
    QVERIFY(client.waitForClosed(10000));
    QVERIFY(!client.waitForResponse(100));
}

void tst_ConnectionLifecycle::expectContinueGetsContinue()
{
    startServer();
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    const QByteArray endpoint = R"({"url":"https://hooks.example.com/expect","events":["*"]})";
    client.send(request("POST", "/api/integrations/webhooks",
                        "Authorization: Bearer " + m_server->token() + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                        "Content-Length: " + QByteArray::number(endpoint.size()) + "\r\n"));
    const auto interim = client.waitForResponse();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    client.send(endpoint);
    const auto created = client.waitForResponse();
    QVERIFY(created);
    QCOMPARE(created->status, 201);
}

QTEST_GUILESS_MAIN(tst_ConnectionLifecycle)
#include "tst_connectionlifecycle.moc"
