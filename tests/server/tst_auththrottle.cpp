#include "ApiTestClient.h"
#include "AuthThrottle.h"
#include "RawHttpClient.h"
#include "TestServer.h"

#include <QJsonObject>
#include <QTest>

// Wrong tokens from one address are refused with 429 and Retry-After once there were too many
// within the window; the right token from that address, other addresses, and the same one after
// the window, are unaffected.
class tst_AuthThrottle : public QObject
{
    Q_OBJECT
private slots:
    void blocksAfterTooManyFailuresUntilTheWindowPasses();
    void addressesAreCountedApart_data();
    void addressesAreCountedApart();
    void serverAnswers429WithRetryAfter();
};

namespace {
struct FakeClock
{
    qint64 now = 1000000;
    AuthThrottle::Clock clock()
    {
        return [this] { return now; };
    }
};
} // namespace

void tst_AuthThrottle::blocksAfterTooManyFailuresUntilTheWindowPasses()
{
    FakeClock time;
    AuthThrottle throttle(10, 60000, time.clock());
    const QHostAddress client(QStringLiteral("203.0.113.7"));
    for (int i = 0; i < 9; ++i) {
        throttle.recordFailure(client);
        time.now += 1000;
    }
    QCOMPARE(throttle.retryAfterSeconds(client), 0);
    throttle.recordFailure(client); // the 10th within a minute
    QCOMPARE(throttle.retryAfterSeconds(client), 51); // until the first failure is a minute old
    time.now += 30000;
    QCOMPARE(throttle.retryAfterSeconds(client), 21);
    time.now += 21000;
    QCOMPARE(throttle.retryAfterSeconds(client), 0);
    throttle.recordFailure(client); // the oldest left the window: 10 in the last minute again
    QVERIFY(throttle.retryAfterSeconds(client) > 0);
}

void tst_AuthThrottle::addressesAreCountedApart_data()
{
    QTest::addColumn<QString>("guesser");
    QTest::addColumn<QString>("other");
    QTest::addColumn<bool>("shared");
    QTest::newRow("two IPv4 clients") << QStringLiteral("203.0.113.7") << QStringLiteral("203.0.113.8") << false;
    QTest::newRow("IPv4 and its mapped form") << QStringLiteral("203.0.113.7") << QStringLiteral("::ffff:203.0.113.7") << true;
    QTest::newRow("same IPv6 /64") << QStringLiteral("2001:db8:1:2::1") << QStringLiteral("2001:db8:1:2:ffff::9") << true;
    QTest::newRow("other IPv6 /64") << QStringLiteral("2001:db8:1:2::1") << QStringLiteral("2001:db8:1:3::1") << false;
}

void tst_AuthThrottle::addressesAreCountedApart()
{
    QFETCH(QString, guesser);
    QFETCH(QString, other);
    QFETCH(bool, shared);
    FakeClock time;
    AuthThrottle throttle(3, 60000, time.clock());
    for (int i = 0; i < 3; ++i)
        throttle.recordFailure(QHostAddress(guesser));
    QVERIFY(throttle.retryAfterSeconds(QHostAddress(guesser)) > 0);
    QCOMPARE(throttle.retryAfterSeconds(QHostAddress(other)) > 0, shared);
}

void tst_AuthThrottle::serverAnswers429WithRetryAfter()
{
    TestServer server([](ServerConfig &c) { c.authFailureWindowMs = 2000; });
    QVERIFY(server.start());
    ApiTestClient guesser(server.url(QStringLiteral("/")), "wrong-token");
    for (int i = 0; i < 10; ++i)
        QCOMPARE(guesser.get(QStringLiteral("/api/integrations/webhooks")).status, 401);
    const auto refused = guesser.get(QStringLiteral("/api/integrations/webhooks"));
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), QStringLiteral("too_many_failed_logins"));
    QVERIFY(refused.header("Retry-After").toInt() >= 1 && refused.header("Retry-After").toInt() <= 2);

    // The right token from the same address is always served (behind a reverse proxy that address
    // is every client): admin calls and publishing go on while guessing is refused.
    ApiTestClient sameAddress(server.url(QStringLiteral("/")), server.token());
    QCOMPARE(sameAddress.get(QStringLiteral("/api/integrations/webhooks")).status, 200);
    const auto published = sameAddress.post(QStringLiteral("/api/events"),
                                            QJsonObject{{QStringLiteral("type"), QStringLiteral("survey.response.created")},
                                                        {QStringLiteral("data"), QJsonObject{}}});
    QCOMPARE(published.status, 202);
    QCOMPARE(sameAddress.get(QStringLiteral("/api/health")).status, 200);
    QCOMPARE(guesser.get(QStringLiteral("/api/integrations/webhooks")).status, 429);

    // Another address is not slowed by the guesser at all.
    RawHttpClient otherAddress(server.server().port(), QHostAddress(QStringLiteral("127.0.0.2")));
    QVERIFY(otherAddress.waitForConnected());
    otherAddress.send("GET /api/integrations/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong\r\n\r\n");
    const auto served = otherAddress.waitForResponse();
    QVERIFY(served);
    QCOMPARE(served->status, 401);

    // Once the window has passed, a wrong token is told it is wrong again.
    QTRY_COMPARE_WITH_TIMEOUT(guesser.get(QStringLiteral("/api/integrations/webhooks")).status, 401, 10000);
}

QTEST_GUILESS_MAIN(tst_AuthThrottle)
#include "tst_auththrottle.moc"
