#include "ApiTestClient.h"
#include "PosixTcpClient.h"
#include "RawHttpClient.h"
#include "TestServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <unistd.h>

// The limits QtHttpServer 6.4 lacks, enforced by GuardedTcpServer and ConnectionGuard, checked
// with real sockets against a real server: body, header and URL caps, slow and idle clients,
// the connection cap, and that none of it disturbs well-behaved clients.
class tst_ConnectionGuard : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void oversizedBodyIs413BeforeItIsSent_data();
    void oversizedBodyIs413BeforeItIsSent();
    void streamingJunkDoesNotGrowMemory_data();
    void streamingJunkDoesNotGrowMemory();
    void longUrlIs414();
    void largeHeadersAre431();
    void chunkedAndPipelinedRequestsAreServed();
    void idleConnectionsDoNotStarveOthers();
    void dribblingClientIsDroppedAfterRequestTimeout();
    void idleKeepAliveConnectionIsClosed();
    void idleTimeoutLongerThanRequestTimeoutIsKept();
    void connectionCapRefusesExtras();

private:
    void startServer(std::function<void(ServerConfig &)> adjust = {});
    void expectHealthy();
    quint16 port() { return m_server->server().port(); }

    std::unique_ptr<TestServer> m_server;
};

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &headers = {},
                   const QByteArray &body = {})
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n" + body;
}

// Asks for /api/health on a raw connection; true when it was answered 200 on that connection.
bool answersHealth(RawHttpClient &client)
{
    client.send(request("GET", "/api/health"));
    const auto response = client.waitForResponse();
    return response && response->status == 200;
}

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

QString errorCode(const RawHttpClient::Response &response)
{
    return QJsonDocument::fromJson(response.body).object()[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString();
}

} // namespace

void tst_ConnectionGuard::cleanup()
{
    m_server.reset();
}

void tst_ConnectionGuard::startServer(std::function<void(ServerConfig &)> adjust)
{
    m_server = std::make_unique<TestServer>(std::move(adjust));
    QVERIFY(m_server->start());
}

void tst_ConnectionGuard::expectHealthy()
{
    ApiTestClient client(m_server->url(QStringLiteral("/")));
    QCOMPARE(client.get(QStringLiteral("/api/health")).status, 200);
}

void tst_ConnectionGuard::oversizedBodyIs413BeforeItIsSent_data()
{
    QTest::addColumn<QByteArray>("extraHeaders");
    QTest::newRow("content-length 1 GiB") << QByteArray();
    QTest::newRow("with expect 100-continue") << QByteArray("Expect: 100-continue\r\n");
}

void tst_ConnectionGuard::oversizedBodyIs413BeforeItIsSent()
{
    QFETCH(QByteArray, extraHeaders);
    startServer();
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    client.send(request("POST", "/api/events",
                        "Authorization: Bearer " + m_server->token() + "\r\nContent-Type: application/json\r\n"
                            "Content-Length: 1073741824\r\n" + extraHeaders));
    const auto response = client.waitForResponse(3000);
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(errorCode(*response), QStringLiteral("payload_too_large"));
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed(3000));
    expectHealthy();
}

void tst_ConnectionGuard::streamingJunkDoesNotGrowMemory_data()
{
    QTest::addColumn<QByteArray>("framing");
    QTest::addColumn<bool>("chunked");
    QTest::newRow("content-length 1 GiB") << QByteArray("Content-Length: 1073741824\r\n") << false;
    QTest::newRow("chunked, no content-length") << QByteArray("Transfer-Encoding: chunked\r\n") << true;
}

void tst_ConnectionGuard::streamingJunkDoesNotGrowMemory()
{
    QFETCH(QByteArray, framing);
    QFETCH(bool, chunked);
    startServer();
    expectHealthy();
    const qint64 before = residentBytes();
    PosixTcpClient client(port());
    QVERIFY(client.isConnected());
    QByteArray pending = request("POST", "/api/integrations/webhooks",
                                 "Authorization: Bearer " + m_server->token() + "\r\nContent-Type: application/json\r\n" + framing);
    const QByteArray junk(64 * 1024, 'j');
    const QByteArray piece = chunked ? QByteArray::number(junk.size(), 16) + "\r\n" + junk + "\r\n" : junk;
    qint64 sent = 0;
    QElapsedTimer clock;
    clock.start();
    while (sent < 50 * kMiB && clock.elapsed() < 20000) {
        if (pending.isEmpty())
            pending = piece;
        const qint64 taken = client.sendSome(pending);
        if (taken < 0)
            break; // the server closed the connection for good
        pending.remove(0, taken);
        sent += taken;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5); // the server reads meanwhile
    }
    const qint64 growth = residentBytes() - before;
    qInfo("streamed %lld MiB in %lld ms, resident memory grew by %lld KiB", sent / kMiB, clock.elapsed(), growth / 1024);
    QVERIFY(QTest::qWaitFor([&] {
        client.read();
        return client.received().contains("\r\n\r\n");
    }, 3000));
    QVERIFY2(client.received().startsWith("HTTP/1.1 413 "), client.received().left(100).constData());
    QVERIFY(client.received().contains("payload_too_large"));
    QVERIFY2(growth < 8 * kMiB, qPrintable(QStringLiteral("grew by %1 KiB").arg(growth / 1024)));
    expectHealthy();
}

void tst_ConnectionGuard::longUrlIs414()
{
    startServer();
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    client.send(request("GET", "/api/integrations/webhooks/" + QByteArray(9000, 'a')));
    const auto response = client.waitForResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 414);
    QCOMPARE(errorCode(*response), QStringLiteral("uri_too_long"));
    expectHealthy();
}

void tst_ConnectionGuard::largeHeadersAre431()
{
    startServer();
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    QByteArray headers;
    for (int i = 0; i < 40; ++i)
        headers += "X-Pad-" + QByteArray::number(i) + ": " + QByteArray(1000, 'p') + "\r\n";
    client.send(request("GET", "/api/health", headers));
    const auto response = client.waitForResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 431);
    QCOMPARE(errorCode(*response), QStringLiteral("headers_too_large"));
    expectHealthy();
}

void tst_ConnectionGuard::chunkedAndPipelinedRequestsAreServed()
{
    startServer();
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    const QByteArray json = R"({"url":"https://hooks.example.com/x","events":["*"]})";
    const QByteArray chunkedBody = QByteArray::number(20, 16) + "\r\n" + json.left(20) + "\r\n"
        + QByteArray::number(json.size() - 20, 16) + "\r\n" + json.mid(20) + "\r\n0\r\n\r\n";
    client.send(request("POST", "/api/integrations/webhooks",
                        "Authorization: Bearer " + m_server->token() + "\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n", chunkedBody)
                + request("GET", "/api/health") + request("GET", "/api/health"));
    const auto created = client.waitForResponse();
    QVERIFY(created);
    QCOMPARE(created->status, 201);
    for (int i = 0; i < 2; ++i) {
        const auto health = client.waitForResponse();
        QVERIFY(health);
        QCOMPARE(health->status, 200);
    }
}

void tst_ConnectionGuard::idleConnectionsDoNotStarveOthers()
{
    startServer();
    std::vector<std::unique_ptr<RawHttpClient>> idle;
    for (int i = 0; i < 300; ++i) {
        idle.push_back(std::make_unique<RawHttpClient>(port()));
        if (i % 2 == 1) // half of them start a request and never finish it
            idle.back()->send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    }
    QVERIFY(QTest::qWaitFor([&] { return std::all_of(idle.begin(), idle.end(), [](const auto &c) { return c->isConnected(); }); }, 5000));
    QTest::qWait(200);
    ApiTestClient client(m_server->url(QStringLiteral("/")), m_server->token());
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(client.get(QStringLiteral("/api/integrations/webhooks")).status, 200);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QStringLiteral("answer took %1 ms").arg(clock.elapsed())));
    }
    QVERIFY(std::all_of(idle.begin(), idle.end(), [](const auto &c) { return c->isConnected(); }));
}

void tst_ConnectionGuard::dribblingClientIsDroppedAfterRequestTimeout()
{
    startServer([](ServerConfig &c) { c.requestTimeoutMs = 1000; });
    RawHttpClient dribbler(port());
    QVERIFY(dribbler.waitForConnected());
    const QByteArray slow = request("GET", "/api/health", "X-Slow: " + QByteArray(60, 's') + "\r\n");
    QElapsedTimer clock;
    clock.start();
    std::optional<RawHttpClient::Response> response;
    for (qsizetype i = 0; i < slow.size() && !response && dribbler.isConnected(); ++i) {
        dribbler.send(slow.mid(i, 1));
        response = dribbler.waitForResponse(100);
        if (i == 3)
            expectHealthy(); // others are served meanwhile
    }
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(response, "the dribbling client got no answer");
    QCOMPARE(response->status, 408);
    QCOMPARE(errorCode(*response), QStringLiteral("request_timeout"));
    QVERIFY2(elapsed >= 900 && elapsed < 3000, qPrintable(QStringLiteral("dropped after %1 ms").arg(elapsed)));
    QVERIFY(dribbler.waitForClosed(3000));
}

void tst_ConnectionGuard::idleKeepAliveConnectionIsClosed()
{
    startServer([](ServerConfig &c) { c.idleTimeoutMs = 500; });
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    for (int i = 0; i < 2; ++i) { // keep-alive: the same connection serves twice
        QVERIFY(answersHealth(client));
        QTest::qWait(200);
    }
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.waitForClosed(3000));
    QVERIFY2(clock.elapsed() >= 200, qPrintable(QStringLiteral("closed after %1 ms").arg(clock.elapsed())));
}

// The guard re-arms its timer only when a deadline comes earlier; a later one (here the idle
// timeout after a request, longer than the request timeout the timer was started with) is
// checked when the timer fires. The connection must live until the later deadline, not die at
// the earlier one.
void tst_ConnectionGuard::idleTimeoutLongerThanRequestTimeoutIsKept()
{
    startServer([](ServerConfig &c) {
        c.requestTimeoutMs = 300;
        c.idleTimeoutMs = 1200;
    });
    RawHttpClient client(port());
    QVERIFY(client.waitForConnected());
    QVERIFY(answersHealth(client));
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(!client.waitForClosed(700), qPrintable(QStringLiteral("closed after %1 ms").arg(clock.elapsed())));
    QVERIFY(client.waitForClosed(3000));
    QVERIFY2(clock.elapsed() >= 1000, qPrintable(QStringLiteral("closed after %1 ms").arg(clock.elapsed())));
}

void tst_ConnectionGuard::connectionCapRefusesExtras()
{
    startServer([](ServerConfig &c) { c.maxConnections = 20; });
    std::vector<std::unique_ptr<RawHttpClient>> held;
    for (int i = 0; i < 20; ++i)
        held.push_back(std::make_unique<RawHttpClient>(port()));
    QVERIFY(QTest::qWaitFor([&] { return std::all_of(held.begin(), held.end(), [](const auto &c) { return c->isConnected(); }); }, 5000));
    QTest::qWait(200);

    RawHttpClient extra(port());
    const auto refused = extra.waitForResponse(3000);
    QVERIFY(refused);
    QCOMPARE(refused->status, 503);
    QCOMPARE(errorCode(*refused), QStringLiteral("too_many_connections"));
    QVERIFY(extra.waitForClosed(3000));

    QVERIFY(answersHealth(*held.front())); // the held ones still work

    held.resize(10); // closing some frees their places
    QTest::qWait(300);
    RawHttpClient later(port());
    QVERIFY(later.waitForConnected());
    QVERIFY(answersHealth(later));
}

QTEST_GUILESS_MAIN(tst_ConnectionGuard)
#include "tst_connectionguard.moc"
