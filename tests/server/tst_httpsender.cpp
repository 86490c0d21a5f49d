#include "HttpSender.h"
#include "TestReceiver.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

constexpr int kWaitMs = 10000;
const QByteArray kSignature = QByteArrayLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

OutboundRequest post(const QUrl &url, const QByteArray &body = QByteArrayLiteral("{\"test\": 2432232314}"),
                     qint64 timeoutMs = 5000)
{
    OutboundRequest request;
    request.url = url;
    request.body = body;
    request.timeoutMs = timeoutMs;
    request.headers = {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("User-Agent"), QByteArrayLiteral("ENA-Webhooks/test")},
        {QByteArrayLiteral("webhook-id"), QByteArrayLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek")},
        {QByteArrayLiteral("webhook-timestamp"), QByteArrayLiteral("1614265330")},
        {QByteArrayLiteral("webhook-signature"), kSignature},
    };
    return request;
}

// Collects what callbacks deliver, so tests can assert "exactly once" and "never".
struct Outcomes
{
    QList<OutboundResult> results;
    HttpSender::Callback record()
    {
        return [this](const OutboundResult &result) { results.append(result); };
    }
    bool waitFor(int n, int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([this, n] { return results.size() >= n; }, timeoutMs);
    }
};

OutboundResult sendAndWait(HttpSender &sender, const OutboundRequest &request)
{
    Outcomes outcomes;
    sender.send(request, outcomes.record());
    if (!outcomes.waitFor(1))
        return OutboundResult{std::nullopt, QStringLiteral("test: no callback within the wait"), {}, {}, 0};
    return outcomes.results.first();
}

QUrl closedPortUrl()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(port));
}

} // namespace

class tst_HttpSender : public QObject
{
    Q_OBJECT

private slots:
    void postsBodyAndHeadersAsGiven();
    void sendsEmptyHeaderValuesAndDropsSplitHeaders();
    void reportsServerErrorAsStatus();
    void doesNotFollowRedirects();
    void capturesRetryAfter_data();
    void capturesRetryAfter();
    void keepsOnlyFirst4KiBOfBody();
    void stopsHugeBodyButReportsStatus();
    void hangingReceiverTimesOut();
    void drippingReceiverHitsTotalDeadline();
    void connectionRefusedIsReadable();
    void resetIsAnError();
    void closeWithoutAnswerIsAnError();
    void unresolvableHostIsReadable();
    void tlsFailureIsReadable();
    void resolvesHostNames();
    void unsupportedSchemeFailsLater();
    void callbackNeverRunsInsideSend();
    void abortPreventsCallback();
    void callbackMayAbortAndSendReentrantly();
    void callbackMayDeleteSender();
    void destructorDropsCallbacks();
    void reusesConnections();
    void manyConcurrentRequestsAllComplete();
    void hangingReceiverDoesNotDelayOthers();
    void guardRefusesLoopback_data();
    void guardRefusesLoopback();
};

void tst_HttpSender::postsBodyAndHeadersAsGiven()
{
    TestReceiver receiver;
    receiver.enqueue(TestReceiver::respond(200, QByteArrayLiteral("thanks"),
                                           {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")}}));
    HttpSender sender(AddressGuard(true));
    // Over 1 KiB: curl would add "Expect: 100-continue" here unless told not to.
    const QByteArray body = "{\"data\":\"" + QByteArray(2000, 'a') + "\"}";

    const OutboundResult result = sendAndWait(sender, post(receiver.url(), body));

    QCOMPARE(result.error, QString());
    QCOMPARE(result.httpStatus, std::optional<int>(200));
    QCOMPARE(result.body, QByteArrayLiteral("thanks"));
    QVERIFY(!result.retryAfter.has_value());
    QVERIFY(result.durationMs >= 0 && result.durationMs < kWaitMs);
    QCOMPARE(receiver.count(), 1);
    const ReceivedRequest got = receiver.requests().first();
    QCOMPARE(got.method, QByteArrayLiteral("POST"));
    QCOMPARE(got.path, QByteArrayLiteral("/hook"));
    QCOMPARE(got.body, body);
    QCOMPARE(got.header("content-type"), QByteArrayLiteral("application/json"));
    QCOMPARE(got.header("user-agent"), QByteArrayLiteral("ENA-Webhooks/test"));
    QCOMPARE(got.header("webhook-id"), QByteArrayLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek"));
    QCOMPARE(got.header("webhook-timestamp"), QByteArrayLiteral("1614265330"));
    QCOMPARE(got.header("webhook-signature"), kSignature);
    QCOMPARE(got.header("expect"), QByteArray());
    QCOMPARE(sender.inFlight(), 0);
}

void tst_HttpSender::sendsEmptyHeaderValuesAndDropsSplitHeaders()
{
    TestReceiver receiver;
    HttpSender sender(AddressGuard(true));
    OutboundRequest request = post(receiver.url());
    request.headers.append({QByteArrayLiteral("X-Empty"), QByteArray()});
    request.headers.append({QByteArrayLiteral("X-Evil"), QByteArrayLiteral("a\r\nX-Injected: 1")});

    const OutboundResult result = sendAndWait(sender, request);

    QCOMPARE(result.httpStatus, std::optional<int>(204));
    const ReceivedRequest got = receiver.requests().first();
    const auto hasHeader = [&got](const QByteArray &name) {
        return std::any_of(got.headers.cbegin(), got.headers.cend(), [&name](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    QVERIFY(hasHeader("x-empty"));
    QVERIFY(!hasHeader("x-evil"));
    QVERIFY(!hasHeader("x-injected"));
}

void tst_HttpSender::reportsServerErrorAsStatus()
{
    TestReceiver receiver;
    receiver.enqueue(TestReceiver::respond(500, QByteArrayLiteral("database is down")));
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url()));

    QCOMPARE(result.error, QString());
    QCOMPARE(result.httpStatus, std::optional<int>(500));
    QCOMPARE(result.body, QByteArrayLiteral("database is down"));
}

void tst_HttpSender::doesNotFollowRedirects()
{
    TestReceiver receiver;
    const QByteArray location = receiver.url(QStringLiteral("/elsewhere")).toEncoded();
    receiver.enqueue(TestReceiver::respond(302, {}, {{QByteArrayLiteral("Location"), location}}));
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url()));

    QCOMPARE(result.httpStatus, std::optional<int>(302));
    QTest::qWait(200); // a followed redirect would arrive here
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(receiver.requests().first().path, QByteArrayLiteral("/hook"));
}

void tst_HttpSender::capturesRetryAfter_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("canonical") << QByteArrayLiteral("Retry-After") << QByteArrayLiteral("120");
    QTest::newRow("lower case") << QByteArrayLiteral("retry-after") << QByteArrayLiteral("5");
    QTest::newRow("mixed case, http date") << QByteArrayLiteral("rEtRy-AfTeR")
                                           << QByteArrayLiteral("Wed, 21 Oct 2015 07:28:00 GMT");
}

void tst_HttpSender::capturesRetryAfter()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    TestReceiver receiver;
    receiver.enqueue(TestReceiver::respond(429, {}, {{name, value}}));
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url()));

    QCOMPARE(result.httpStatus, std::optional<int>(429));
    QCOMPARE(result.retryAfter, std::optional<QByteArray>(value));
}

void tst_HttpSender::keepsOnlyFirst4KiBOfBody()
{
    TestReceiver receiver;
    const QByteArray body = QByteArray(4096, 'a') + QByteArray(6000, 'b');
    receiver.enqueue(TestReceiver::respond(200, body));
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url()));

    QCOMPARE(result.error, QString());
    QCOMPARE(result.httpStatus, std::optional<int>(200));
    QCOMPARE(result.body, QByteArray(4096, 'a'));
}

void tst_HttpSender::stopsHugeBodyButReportsStatus()
{
    TestReceiver receiver;
    TestReceiver::Script script = TestReceiver::respond(200);
    script.bodyBytes = 5 * 1024 * 1024;
    receiver.enqueue(script);
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url()));

    QCOMPARE(result.error, QString());
    QCOMPARE(result.httpStatus, std::optional<int>(200));
    QCOMPARE(result.body.size(), 4096);
    QCOMPARE(result.body, QByteArray(4096, 'x'));
}

void tst_HttpSender::hangingReceiverTimesOut()
{
    TestReceiver receiver;
    receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Hang));
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url(), "{}", 300));

    QCOMPARE(result.error, QStringLiteral("timed out after 300 ms"));
    QVERIFY(!result.httpStatus.has_value());
    QVERIFY2(result.durationMs >= 290 && result.durationMs < 2000, QByteArray::number(result.durationMs).constData());
    QCOMPARE(receiver.count(), 1);
}

void tst_HttpSender::drippingReceiverHitsTotalDeadline()
{
    TestReceiver receiver;
    receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Drip));
    HttpSender sender(AddressGuard(true));

    // Bytes keep coming every second, so only a total deadline (not inactivity) can end this.
    const OutboundResult result = sendAndWait(sender, post(receiver.url(), "{}", 2500));

    QCOMPARE(result.error, QStringLiteral("timed out after 2500 ms"));
    QVERIFY(!result.httpStatus.has_value());
    QVERIFY2(result.durationMs >= 2400 && result.durationMs < 4500, QByteArray::number(result.durationMs).constData());
}

void tst_HttpSender::connectionRefusedIsReadable()
{
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(closedPortUrl()));

    QCOMPARE(result.error, QStringLiteral("connection refused"));
    QVERIFY(!result.httpStatus.has_value());
    QVERIFY(!result.error.contains(QString::fromLatin1(kSignature)));
}

void tst_HttpSender::resetIsAnError()
{
    TestReceiver receiver;
    receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Reset));
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url()));

    QVERIFY(!result.httpStatus.has_value());
    QCOMPARE(result.error, QStringLiteral("connection reset by peer"));
    QCOMPARE(receiver.count(), 1);
}

void tst_HttpSender::closeWithoutAnswerIsAnError()
{
    TestReceiver receiver;
    receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Close));
    HttpSender sender(AddressGuard(true));

    const OutboundResult result = sendAndWait(sender, post(receiver.url()));

    QVERIFY(!result.httpStatus.has_value());
    QCOMPARE(result.error, QStringLiteral("connection closed without a response"));
}

void tst_HttpSender::unresolvableHostIsReadable()
{
    HttpSender sender(AddressGuard(true));
    // .invalid never resolves (RFC 6761), with or without a network.
    const QUrl url(QStringLiteral("http://ena-webhooks-test.invalid/hook"));

    const OutboundResult result = sendAndWait(sender, post(url));

    QCOMPARE(result.error, QStringLiteral("could not resolve host ena-webhooks-test.invalid"));
    QVERIFY(!result.httpStatus.has_value());
}

void tst_HttpSender::tlsFailureIsReadable()
{
    TestReceiver plainHttp;
    HttpSender sender(AddressGuard(true));
    QUrl url = plainHttp.url();
    url.setScheme(QStringLiteral("https"));

    const OutboundResult result = sendAndWait(sender, post(url));

    QVERIFY(!result.httpStatus.has_value());
    QVERIFY2(result.error.startsWith(QLatin1String("TLS error: ")), qPrintable(result.error));
    QVERIFY(result.error.size() > QStringLiteral("TLS error: ").size());
    QCOMPARE(plainHttp.count(), 0);
}

void tst_HttpSender::resolvesHostNames()
{
    TestReceiver receiver;
    HttpSender sender(AddressGuard(true));
    QUrl url = receiver.url();
    url.setHost(QStringLiteral("localhost"));

    const OutboundResult result = sendAndWait(sender, post(url));

    QCOMPARE(result.error, QString());
    QCOMPARE(result.httpStatus, std::optional<int>(204));
    QCOMPARE(receiver.count(), 1);
}

void tst_HttpSender::unsupportedSchemeFailsLater()
{
    HttpSender sender(AddressGuard(true));
    Outcomes outcomes;

    sender.send(post(QUrl(QStringLiteral("ftp://127.0.0.1/file"))), outcomes.record());

    QCOMPARE(outcomes.results.size(), 0);
    QCOMPARE(sender.inFlight(), 1);
    QVERIFY(outcomes.waitFor(1));
    QVERIFY2(outcomes.results.first().error.startsWith(QLatin1String("unsupported URL scheme")),
             qPrintable(outcomes.results.first().error));
    QCOMPARE(sender.inFlight(), 0);
    QTest::qWait(50);
    QCOMPARE(outcomes.results.size(), 1);
}

void tst_HttpSender::callbackNeverRunsInsideSend()
{
    TestReceiver receiver;
    HttpSender sender(AddressGuard(true));
    Outcomes outcomes;

    for (int i = 0; i < 3; ++i)
        sender.send(post(receiver.url()), outcomes.record());

    QCOMPARE(outcomes.results.size(), 0);
    QCOMPARE(sender.inFlight(), 3);
    QVERIFY(outcomes.waitFor(3));
    QCOMPARE(sender.inFlight(), 0);
    QTest::qWait(100);
    QCOMPARE(outcomes.results.size(), 3); // exactly once each
}

void tst_HttpSender::abortPreventsCallback()
{
    TestReceiver receiver;
    receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Hang));
    HttpSender sender(AddressGuard(true));
    Outcomes outcomes;

    const HttpSender::Handle hanging = sender.send(post(receiver.url(), "{}", 300), outcomes.record());
    QVERIFY(receiver.waitForRequests(1));
    const HttpSender::Handle failing = sender.send(post(QUrl(QStringLiteral("ftp://x/"))), outcomes.record());
    sender.abort(hanging);
    sender.abort(failing);
    sender.abort(hanging + 1000); // unknown handles are ignored

    QCOMPARE(sender.inFlight(), 0);
    QTest::qWait(700); // well past the 300 ms timeout that would otherwise report
    QCOMPARE(outcomes.results.size(), 0);
}

void tst_HttpSender::callbackMayAbortAndSendReentrantly()
{
    TestReceiver healthy;
    TestReceiver hanging;
    hanging.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Hang));
    HttpSender sender(AddressGuard(true));
    Outcomes hung;
    Outcomes followUp;
    bool firstDone = false;

    const HttpSender::Handle victim = sender.send(post(hanging.url(), "{}", 3000), hung.record());
    QVERIFY(hanging.waitForRequests(1));
    sender.send(post(healthy.url()), [&](const OutboundResult &) {
        firstDone = true;
        sender.abort(victim);
        sender.send(post(healthy.url()), followUp.record());
    });

    QVERIFY(followUp.waitFor(1));
    QVERIFY(firstDone);
    QCOMPARE(followUp.results.first().httpStatus, std::optional<int>(204));
    QCOMPARE(sender.inFlight(), 0);
    QCOMPARE(hung.results.size(), 0);
}

void tst_HttpSender::callbackMayDeleteSender()
{
    TestReceiver receiver;
    auto *sender = new HttpSender(AddressGuard(true));
    QPointer<HttpSender> watch(sender);
    int calls = 0;
    const auto deleteSender = [&](const OutboundResult &) {
        ++calls;
        delete sender;
        sender = nullptr;
    };

    for (int i = 0; i < 5; ++i)
        sender->send(post(receiver.url()), deleteSender);

    QVERIFY(QTest::qWaitFor([&] { return watch.isNull(); }, kWaitMs));
    QTest::qWait(200);
    QCOMPARE(calls, 1); // the other four went down with their sender
}

void tst_HttpSender::destructorDropsCallbacks()
{
    TestReceiver receiver;
    receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Hang));
    Outcomes outcomes;
    {
        HttpSender sender(AddressGuard(true));
        for (int i = 0; i < 3; ++i)
            sender.send(post(receiver.url(), "{}", 200), outcomes.record());
        QVERIFY(receiver.waitForRequests(3));
    }
    QTest::qWait(500);
    QCOMPARE(outcomes.results.size(), 0);
}

void tst_HttpSender::reusesConnections()
{
    TestReceiver receiver;
    HttpSender sender(AddressGuard(true));

    for (int i = 0; i < 5; ++i)
        QCOMPARE(sendAndWait(sender, post(receiver.url())).httpStatus, std::optional<int>(204));

    QCOMPARE(receiver.count(), 5);
    QCOMPARE(receiver.connectionCount(), 1);
}

void tst_HttpSender::manyConcurrentRequestsAllComplete()
{
    TestReceiver receiver;
    HttpSender sender(AddressGuard(true));
    Outcomes outcomes;
    QSet<QByteArray> sent;

    for (int i = 0; i < 200; ++i) {
        const QByteArray body = "{\"n\":" + QByteArray::number(i) + '}';
        sent.insert(body);
        sender.send(post(receiver.url(), body), outcomes.record());
    }
    QCOMPARE(sender.inFlight(), 200);

    QVERIFY(outcomes.waitFor(200, 30000));
    QCOMPARE(sender.inFlight(), 0);
    for (const OutboundResult &result : std::as_const(outcomes.results))
        QCOMPARE(result.httpStatus, std::optional<int>(204));
    QSet<QByteArray> received;
    for (const ReceivedRequest &request : receiver.requests())
        received.insert(request.body);
    QCOMPARE(received, sent);
}

void tst_HttpSender::hangingReceiverDoesNotDelayOthers()
{
    TestReceiver hanging;
    hanging.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Hang));
    TestReceiver healthy;
    HttpSender sender(AddressGuard(true));
    Outcomes stuck;
    Outcomes quick;

    for (int i = 0; i < 10; ++i)
        sender.send(post(hanging.url(), "{}", 10000), stuck.record());
    QVERIFY(hanging.waitForRequests(10));
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 5; ++i)
        sender.send(post(healthy.url()), quick.record());

    QVERIFY(quick.waitFor(5));
    QVERIFY2(clock.elapsed() < 2000, QByteArray::number(clock.elapsed()).constData());
    QCOMPARE(stuck.results.size(), 0);
    QCOMPARE(sender.inFlight(), 10);
}

void tst_HttpSender::guardRefusesLoopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("literal address") << QStringLiteral("127.0.0.1");
    QTest::newRow("name resolving to loopback") << QStringLiteral("localhost");
}

void tst_HttpSender::guardRefusesLoopback()
{
    QFETCH(QString, host);
    TestReceiver receiver;
    HttpSender sender(AddressGuard(false));
    QUrl url = receiver.url();
    url.setHost(host);

    const OutboundResult result = sendAndWait(sender, post(url));

    QVERIFY(!result.httpStatus.has_value());
    if (host == QLatin1String("127.0.0.1")) {
        QCOMPARE(result.error, AddressGuard(false).refusalReason(QHostAddress(host)).value_or(QString()));
    } else {
        // localhost may be tried as ::1 first; either way the guard's loopback reason is reported.
        QVERIFY2(result.error.startsWith(QLatin1String("refused to connect to ")), qPrintable(result.error));
        QVERIFY2(result.error.contains(QLatin1String("loopback address")), qPrintable(result.error));
        QVERIFY2(result.error.contains(QLatin1String("--allow-private-network")), qPrintable(result.error));
    }
    QTest::qWait(100);
    QCOMPARE(receiver.count(), 0);
    QCOMPARE(receiver.connectionCount(), 0);
}

QTEST_GUILESS_MAIN(tst_HttpSender)
#include "tst_httpsender.moc"
