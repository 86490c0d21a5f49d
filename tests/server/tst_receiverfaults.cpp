#include "ApiTestClient.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <QTimeZone>

using Body = QJsonObject;
using B = TestReceiver::Behaviour;

// Every way a receiver can misbehave, one row each: the attempt is classified right (status or
// readable reason), retried on the schedule, recorded with its attempts, and a healthy endpoint
// of the same server keeps getting its events at once meanwhile.
class tst_ReceiverFaults : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void faultIsClassifiedRetriedAndIsolated_data();
    void faultIsClassifiedRetriedAndIsolated();

private:
    QJsonObject createEndpoint(const QUrl &url, const QString &event);
    qint64 publish(const QString &type);
    QJsonArray deliveries(const QString &endpointId);
    QJsonObject delivery(const QString &endpointId, const QString &deliveryId);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

namespace {
enum class Fault {
    Status500, Status503, TooManyRequestsSeconds, UnavailableHttpDate, Gone, Hang, Drip, Reset, Close,
    Refused, Redirect301, Redirect307, Redirect308, HugeErrorBody, HugeSuccessBody
};

constexpr int kFaultyEvents = 20; // more than the 16 requests one endpoint may have in flight
constexpr int kHealthyEvents = 5;
constexpr qint64 kTimeoutMs = 400;
const QList<qint64> kSchedule{0, 200, 400};
const QString kFaultyEvent = QStringLiteral("feedback.ticket.created");
const QString kHealthyEvent = QStringLiteral("survey.response.created");

QString httpDate(qint64 msFromNow)
{
    return QLocale::c().toString(QDateTime::currentDateTimeUtc().addMSecs(msFromNow),
                                 QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
}

TestReceiver::Script scriptFor(Fault fault, const QUrl &elsewhere)
{
    TestReceiver::Script script;
    switch (fault) {
    case Fault::Status500: return TestReceiver::respond(500, "database down");
    case Fault::Status503: return TestReceiver::respond(503);
    case Fault::TooManyRequestsSeconds: return TestReceiver::respond(429, {}, {{"Retry-After", "1"}});
    case Fault::UnavailableHttpDate: return TestReceiver::respond(503, {}, {{"Retry-After", httpDate(2000).toLatin1()}});
    case Fault::Gone: return TestReceiver::respond(410);
    case Fault::Hang: return TestReceiver::behave(B::Hang);
    case Fault::Drip: return TestReceiver::behave(B::Drip);
    case Fault::Reset: return TestReceiver::behave(B::Reset);
    case Fault::Close: return TestReceiver::behave(B::Close);
    case Fault::Refused: return TestReceiver::respond(204); // never reached: nothing listens there
    case Fault::Redirect301: return TestReceiver::respond(301, {}, {{"Location", elsewhere.toEncoded()}});
    case Fault::Redirect307: return TestReceiver::respond(307, {}, {{"Location", elsewhere.toEncoded()}});
    case Fault::Redirect308: return TestReceiver::respond(308, {}, {{"Location", elsewhere.toEncoded()}});
    case Fault::HugeErrorBody: script.status = 500; break;
    case Fault::HugeSuccessBody: script.status = 200; break;
    }
    script.bodyBytes = 8 * 1024 * 1024; // far past the 1 MiB the sender reads
    return script;
}

// A port on which nothing listens: bind one, then let it go.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace
Q_DECLARE_METATYPE(Fault)

void tst_ReceiverFaults::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QJsonObject tst_ReceiverFaults::createEndpoint(const QUrl &url, const QString &event)
{
    return m_client->post(QStringLiteral("/api/integrations/webhooks"),
                          Body{{QStringLiteral("url"), url.toString()}, {QStringLiteral("events"), QJsonArray{event}}})
        .json();
}

qint64 tst_ReceiverFaults::publish(const QString &type)
{
    const auto reply = m_client->post(QStringLiteral("/api/events"),
                                      Body{{QStringLiteral("type"), type}, {QStringLiteral("data"), Body{{QStringLiteral("n"), 1}}}});
    return reply.status == 202 ? QDateTime::currentMSecsSinceEpoch() : -1;
}

QJsonArray tst_ReceiverFaults::deliveries(const QString &endpointId)
{
    return m_client->get(QStringLiteral("/api/integrations/webhooks/") + endpointId + QStringLiteral("/deliveries?per_page=100")).data();
}

QJsonObject tst_ReceiverFaults::delivery(const QString &endpointId, const QString &deliveryId)
{
    return m_client->get(QStringLiteral("/api/integrations/webhooks/") + endpointId + QStringLiteral("/deliveries/") + deliveryId).json();
}

void tst_ReceiverFaults::faultIsClassifiedRetriedAndIsolated_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("finalStatus");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("httpStatus"); // 0: no HTTP status, the attempt failed before an answer
    QTest::addColumn<QString>("error");  // regular expression for every attempt's reason
    QTest::addColumn<qint64>("minGapMs"); // between attempts of one delivery, at the receiver

    const QString statusError = QStringLiteral("^receiver answered HTTP %1$");
    const QString redirect = QStringLiteral("^receiver answered HTTP %1; redirects are not followed$");
    const qint64 scheduleGap = 150; // 200 ms minus the 20% jitter, rounded down
    QTest::newRow("500") << Fault::Status500 << "failed" << 3 << 500 << statusError.arg(500) << scheduleGap;
    QTest::newRow("503") << Fault::Status503 << "failed" << 3 << 503 << statusError.arg(503) << scheduleGap;
    QTest::newRow("429 Retry-After seconds") << Fault::TooManyRequestsSeconds << "failed" << 3 << 429 << statusError.arg(429) << qint64(950);
    QTest::newRow("503 Retry-After date") << Fault::UnavailableHttpDate << "failed" << 3 << 503 << statusError.arg(503) << qint64(900);
    QTest::newRow("410 stops at once") << Fault::Gone << "failed" << 1 << 410 << QStringLiteral("410 Gone; not retrying") << qint64(0);
    QTest::newRow("hang") << Fault::Hang << "failed" << 3 << 0 << QStringLiteral("^timed out after 400 ms$") << kTimeoutMs;
    QTest::newRow("a byte a second") << Fault::Drip << "failed" << 3 << 0 << QStringLiteral("^timed out after 400 ms$") << kTimeoutMs;
    QTest::newRow("connection reset") << Fault::Reset << "failed" << 3 << 0 << QStringLiteral("^connection reset by peer$") << qint64(-1);
    QTest::newRow("closed without answer") << Fault::Close << "failed" << 3 << 0 << QStringLiteral("^connection closed without a response$") << qint64(-1);
    QTest::newRow("connection refused") << Fault::Refused << "failed" << 3 << 0 << QStringLiteral("^connection refused$") << qint64(-1);
    QTest::newRow("301") << Fault::Redirect301 << "failed" << 3 << 301 << redirect.arg(301) << scheduleGap;
    QTest::newRow("307") << Fault::Redirect307 << "failed" << 3 << 307 << redirect.arg(307) << scheduleGap;
    QTest::newRow("308") << Fault::Redirect308 << "failed" << 3 << 308 << redirect.arg(308) << scheduleGap;
    QTest::newRow("huge error body") << Fault::HugeErrorBody << "failed" << 3 << 500 << statusError.arg(500) << scheduleGap;
    QTest::newRow("huge success body") << Fault::HugeSuccessBody << "delivered" << 1 << 200 << QString() << qint64(0);
}

void tst_ReceiverFaults::faultIsClassifiedRetriedAndIsolated()
{
    QFETCH(Fault, fault);
    QFETCH(QString, finalStatus);
    QFETCH(int, attempts);
    QFETCH(int, httpStatus);
    QFETCH(QString, error);
    QFETCH(qint64, minGapMs);

    m_server = std::make_unique<TestServer>([](ServerConfig &c) {
        c.retryScheduleMs = kSchedule;
        c.deliveryTimeoutMs = kTimeoutMs;
    });
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
    TestReceiver faulty;
    TestReceiver healthy;
    TestReceiver elsewhere; // where redirects point: must never be contacted
    faulty.setHandler([&](const ReceivedRequest &) { return scriptFor(fault, elsewhere.url()); });
    QUrl faultyUrl = faulty.url();
    if (fault == Fault::Refused)
        faultyUrl.setPort(closedPort());
    const QString faultyId = createEndpoint(faultyUrl, kFaultyEvent)[QStringLiteral("id")].toString();
    const QString healthyId = createEndpoint(healthy.url(), kHealthyEvent)[QStringLiteral("id")].toString();

    for (int i = 0; i < kFaultyEvents; ++i)
        QVERIFY(publish(kFaultyEvent) > 0);
    // While the faulty endpoint fails, hangs or drips, the healthy one gets each event at once.
    for (int i = 0; i < kHealthyEvents; ++i) {
        const qint64 publishedAt = publish(kHealthyEvent);
        QVERIFY(healthy.waitForRequests(i + 1, 3000));
        const qint64 latency = healthy.requests().last().receivedAtMs - publishedAt;
        QVERIFY2(latency < 1000, qPrintable(QStringLiteral("healthy delivery took %1 ms").arg(latency)));
    }

    // Every faulty delivery reaches its final state, with one recorded attempt per try.
    const auto allAre = [this](const QString &endpointId, qsizetype count, const QString &status) {
        const QJsonArray list = deliveries(endpointId);
        return list.size() == count && std::all_of(list.begin(), list.end(), [&](const QJsonValue &d) {
                   return d[QStringLiteral("status")].toString() == status;
               });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allAre(faultyId, kFaultyEvents, finalStatus), 20000);
    const QRegularExpression reason(error);
    for (const QJsonValue &listed : deliveries(faultyId)) {
        const QJsonObject one = delivery(faultyId, listed[QStringLiteral("id")].toString());
        QCOMPARE(one[QStringLiteral("attempt_count")].toInt(), attempts);
        const QJsonArray tries = one[QStringLiteral("attempts")].toArray();
        QCOMPARE(tries.size(), attempts);
        for (const QJsonValue &attempt : tries) {
            QCOMPARE(attempt[QStringLiteral("http_status")].toInt(), httpStatus);
            QCOMPARE(attempt[QStringLiteral("http_status")].isNull(), httpStatus == 0);
            const QString text = attempt[QStringLiteral("error")].toString();
            QVERIFY2(error.isEmpty() ? attempt[QStringLiteral("error")].isNull() : reason.match(text).hasMatch(), qPrintable(text));
            if (fault == Fault::HugeErrorBody || fault == Fault::HugeSuccessBody)
                QCOMPARE(attempt[QStringLiteral("response_body")].toString().size(), 4096);
        }
        QCOMPARE(one[QStringLiteral("delivered_at")].isNull(), finalStatus != QLatin1String("delivered"));
    }

    // The retries kept to the schedule (or the longer Retry-After), seen from the receiver.
    QHash<QByteArray, QList<qint64>> seen;
    for (const ReceivedRequest &request : faulty.requests())
        seen[request.header("webhook-id")].append(request.receivedAtMs);
    if (fault != Fault::Refused)
        QCOMPARE(seen.size(), kFaultyEvents);
    for (const QList<qint64> &times : std::as_const(seen)) {
        QVERIFY(times.size() >= attempts); // a dropped reused connection may be tried once more by curl
        for (qsizetype i = 1; minGapMs >= 0 && i < times.size(); ++i)
            QVERIFY2(times.at(i) - times.at(i - 1) >= minGapMs, qPrintable(QString::number(times.at(i) - times.at(i - 1))));
    }
    QCOMPARE(elsewhere.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(allAre(healthyId, kHealthyEvents, QStringLiteral("delivered")), 3000);
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
}

QTEST_GUILESS_MAIN(tst_ReceiverFaults)
#include "tst_receiverfaults.moc"
