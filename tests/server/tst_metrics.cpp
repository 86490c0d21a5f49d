#include "ApiTestClient.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using Body = QJsonObject;

// GET /metrics on a real server: access rules, a format Prometheus accepts, and counters that
// move by exactly what the server did (requests, attempts by outcome, latency, queue depth).
class tst_Metrics : public QObject
{
    Q_OBJECT
private slots:
    void needsTokenUnlessPublic_data();
    void needsTokenUnlessPublic();
    void formatParses();
    void countsRequestsByRoutePattern();
    void countsAttemptsAndLatency();
    void queueDepthCountsPendingDeliveries();

private:
    using Samples = QHash<QString, double>; // "name{labels}" -> value
    static Samples scrape(ApiTestClient &client);
    static Samples parse(const QByteArray &text);
    static QString createEndpoint(ApiTestClient &client, const QUrl &url);
    static void publish(ApiTestClient &client);
    static bool waitForStatus(ApiTestClient &client, const QString &endpointId, const QString &status, int count);
};

tst_Metrics::Samples tst_Metrics::scrape(ApiTestClient &client)
{
    const ApiTestClient::Reply reply = client.get(QStringLiteral("/metrics"));
    if (reply.status != 200)
        qWarning("scrape answered %d: %s", reply.status, reply.body.constData());
    return parse(reply.body);
}

// The text exposition format 0.0.4: "# HELP"/"# TYPE" lines, then samples of declared
// families. Returns an empty map if any line is malformed, so a broken format fails tests.
tst_Metrics::Samples tst_Metrics::parse(const QByteArray &text)
{
    static const QRegularExpression sample(QStringLiteral(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?|\+Inf|NaN)$)"));
    static const QRegularExpression type(QStringLiteral(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)"));
    Samples samples;
    QStringList families;
    for (const QString &line : QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (const auto m = type.match(line); m.hasMatch()) {
            families.append(m.captured(1));
            continue;
        }
        if (line.startsWith(QLatin1String("# HELP ")))
            continue;
        const auto m = sample.match(line);
        if (!m.hasMatch()) {
            qWarning("malformed metrics line: %s", qUtf8Printable(line));
            return {};
        }
        const QString name = m.captured(1);
        const bool declared = std::any_of(families.cbegin(), families.cend(), [&name](const QString &family) {
            return name == family || name == family + QLatin1String("_bucket") || name == family + QLatin1String("_sum")
                || name == family + QLatin1String("_count");
        });
        if (!declared) {
            qWarning("sample of an undeclared family: %s", qUtf8Printable(line));
            return {};
        }
        samples.insert(name + m.captured(2), m.captured(3).toDouble());
    }
    return samples;
}

QString tst_Metrics::createEndpoint(ApiTestClient &client, const QUrl &url)
{
    return client.post(QStringLiteral("/api/integrations/webhooks"),
                       Body{{QStringLiteral("url"), url.toString()}, {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
        .json()[QStringLiteral("id")]
        .toString();
}

void tst_Metrics::publish(ApiTestClient &client)
{
    const auto reply = client.post(QStringLiteral("/api/events"),
                                   Body{{QStringLiteral("type"), QStringLiteral("survey.response.created")},
                                        {QStringLiteral("data"), Body{{QStringLiteral("k"), 1}}}});
    QCOMPARE(reply.status, 202);
}

bool tst_Metrics::waitForStatus(ApiTestClient &client, const QString &endpointId, const QString &status, int count)
{
    return QTest::qWaitFor([&] {
        const auto reply = client.get(QStringLiteral("/api/integrations/webhooks/%1/deliveries?status=%2").arg(endpointId, status));
        return reply.data().size() == count;
    }, 10000);
}

void tst_Metrics::needsTokenUnlessPublic_data()
{
    QTest::addColumn<bool>("metricsPublic");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    QTest::newRow("no token") << false << QByteArray() << 401;
    QTest::newRow("wrong token") << false << QByteArray("nope") << 401;
    QTest::newRow("admin token") << false << QByteArray("admin") << 200;
    QTest::newRow("public, no token") << true << QByteArray() << 200;
}

void tst_Metrics::needsTokenUnlessPublic()
{
    QFETCH(bool, metricsPublic);
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    TestServer server([metricsPublic](ServerConfig &c) { c.metricsPublic = metricsPublic; });
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), token == "admin" ? server.token() : token);
    const auto reply = client.get(QStringLiteral("/metrics"));
    QCOMPARE(reply.status, status);
    if (status == 200)
        QVERIFY(reply.body.contains("ena_webhooks_http_requests_total"));
    else
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    // Making metrics public opens nothing else.
    QCOMPARE(ApiTestClient(server.url(QStringLiteral("/"))).get(QStringLiteral("/api/integrations/webhooks")).status, 401);
}

void tst_Metrics::formatParses()
{
    TestServer server;
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    const auto reply = client.get(QStringLiteral("/metrics"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    const Samples samples = parse(reply.body);
    QVERIFY(!samples.isEmpty());
    for (const char *name : {"ena_webhooks_delivery_queue_depth", "ena_webhooks_deliveries_in_flight",
                             "ena_webhooks_delivery_attempt_duration_seconds_count",
                             R"(ena_webhooks_delivery_attempts_total{outcome="delivered"})",
                             R"(ena_webhooks_deliveries_finished_total{outcome="failed"})"})
        QVERIFY2(samples.contains(QLatin1String(name)), name);
    QCOMPARE(samples.value(QStringLiteral(R"(ena_webhooks_delivery_attempt_duration_seconds_bucket{le="+Inf"})"), -1), 0.0);
}

void tst_Metrics::countsRequestsByRoutePattern()
{
    TestServer server;
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    const auto key = [](const char *method, const char *route, int status) {
        return QStringLiteral(R"(ena_webhooks_http_requests_total{method="%1",route="%2",status="%3"})")
            .arg(QLatin1String(method), QLatin1String(route)).arg(status);
    };
    const Samples before = scrape(client);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(client.get(QStringLiteral("/api/integrations/webhooks")).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/integrations/webhooks/whe_doesNotExist0000000000")).status, 404);
    QCOMPARE(client.get(QStringLiteral("/api/no/such/route")).status, 404);
    QCOMPARE(ApiTestClient(server.url(QStringLiteral("/"))).get(QStringLiteral("/api/integrations/webhooks")).status, 401);
    const ApiTestClient::Reply after = client.get(QStringLiteral("/metrics"));
    const Samples samples = parse(after.body);

    QCOMPARE(samples.value(key("GET", "/api/integrations/webhooks", 200)) - before.value(key("GET", "/api/integrations/webhooks", 200)), 3.0);
    QCOMPARE(samples.value(key("GET", "/api/integrations/webhooks/:id", 404)), 1.0);
    QCOMPARE(samples.value(key("GET", "unmatched", 404)), 1.0);
    QCOMPARE(samples.value(key("GET", "/api/integrations/webhooks", 401)), 1.0);
    QCOMPARE(samples.value(key("GET", "/metrics", 200)), 1.0); // the first scrape
    // Labels hold patterns, never ids or raw paths (unbounded series, and ids are data).
    QVERIFY(!after.body.contains("whe_doesNotExist"));
    QVERIFY(!after.body.contains("/api/no/such/route"));
}

void tst_Metrics::countsAttemptsAndLatency()
{
    TestReceiver good;
    TestReceiver bad;
    bad.setDefault(TestReceiver::respond(500));
    TestServer server; // schedule 0, 200 ms, 400 ms: three attempts, then failed
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    const QString goodId = createEndpoint(client, good.url());
    const QString badId = createEndpoint(client, bad.url());
    publish(client);
    publish(client);
    QVERIFY(waitForStatus(client, goodId, QStringLiteral("delivered"), 2));
    QVERIFY(waitForStatus(client, badId, QStringLiteral("failed"), 2));
    QVERIFY(QTest::qWaitFor([&] {
        return scrape(client).value(QStringLiteral("ena_webhooks_delivery_attempt_duration_seconds_count")) >= 8;
    }, 5000));

    const Samples s = scrape(client);
    const auto attempts = [&s](const char *outcome) {
        return s.value(QStringLiteral(R"(ena_webhooks_delivery_attempts_total{outcome="%1"})").arg(QLatin1String(outcome)), -1);
    };
    QCOMPARE(attempts("delivered"), 2.0);
    QCOMPARE(attempts("retrying"), 4.0); // two deliveries x two failed attempts with a retry left
    QCOMPARE(attempts("failed"), 2.0);
    QCOMPARE(s.value(QStringLiteral(R"(ena_webhooks_deliveries_finished_total{outcome="delivered"})")), 2.0);
    QCOMPARE(s.value(QStringLiteral(R"(ena_webhooks_deliveries_finished_total{outcome="failed"})")), 2.0);
    QCOMPARE(good.count() + bad.count(), 8);

    // Histogram: 8 observations, cumulative buckets, +Inf equals the count, loopback is fast.
    const QString histogram = QStringLiteral("ena_webhooks_delivery_attempt_duration_seconds");
    QCOMPARE(s.value(histogram + QLatin1String("_count")), 8.0);
    QCOMPARE(s.value(histogram + QLatin1String(R"(_bucket{le="+Inf"})")), 8.0);
    QCOMPARE(s.value(histogram + QLatin1String(R"(_bucket{le="30"})")), 8.0);
    double previous = 0;
    for (const char *le : {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30"}) {
        const QString bucket = histogram + QStringLiteral(R"(_bucket{le="%1"})").arg(QLatin1String(le));
        QVERIFY2(s.contains(bucket), qPrintable(bucket));
        QVERIFY(s.value(bucket) >= previous);
        previous = s.value(bucket);
    }
    QVERIFY(s.value(histogram + QLatin1String("_sum")) >= 0);
    QVERIFY(s.value(histogram + QLatin1String("_sum")) < 8 * 3.0); // each under the 3 s test timeout
    QCOMPARE(s.value(QStringLiteral("ena_webhooks_delivery_queue_depth"), -1), 0.0);
}

void tst_Metrics::queueDepthCountsPendingDeliveries()
{
    TestReceiver bad;
    bad.setDefault(TestReceiver::respond(503));
    TestServer server([](ServerConfig &c) { c.retryScheduleMs = {0, 60 * 60 * 1000}; }); // next try in an hour
    QVERIFY(server.start());
    ApiTestClient client(server.url(QStringLiteral("/")), server.token());
    createEndpoint(client, bad.url());
    for (int i = 0; i < 3; ++i)
        publish(client);
    QVERIFY(bad.waitForRequests(3));
    QVERIFY(QTest::qWaitFor([&] {
        return scrape(client).value(QStringLiteral(R"(ena_webhooks_delivery_attempts_total{outcome="retrying"})")) == 3;
    }, 5000));
    const Samples s = scrape(client);
    QCOMPARE(s.value(QStringLiteral("ena_webhooks_delivery_queue_depth")), 3.0);
    QCOMPARE(s.value(QStringLiteral("ena_webhooks_deliveries_in_flight")), 0.0);
    QCOMPARE(s.value(QStringLiteral(R"(ena_webhooks_deliveries_finished_total{outcome="failed"})"), -1), 0.0);
}

QTEST_MAIN(tst_Metrics)
#include "tst_metrics.moc"
