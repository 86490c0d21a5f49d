#include "ApiTestClient.h"
#include "Dispatcher.h"
#include "Rfc3339.h"
#include "Signer.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include "EnaVersion.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

using Body = QJsonObject;
using B = TestReceiver::Behaviour;

// The delivery engine end to end: a real server sends to a real receiver on loopback.
class tst_Dispatcher : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void deliversSignedPayload();
    void retriesAfterServerError();
    void failsAfterLastAttempt();
    void timesOutOnHangingReceiver();
    void doesNotFollowRedirects();
    void goneStopsRetrying();
    void honoursRetryAfter();
    void disabledEndpointWaits();
    void rotationSignsLaterAttemptsWithNewSecret();
    void deleteAbortsInFlight();
    void testEventIsMarked();
    void manualRetryOfFailedDelivery();
    void refusesPrivateTargetsWithoutFlag();
    void hangingEndpointDoesNotDelayOthers();

private:
    void startServer(std::function<void(ServerConfig &)> adjust = {});
    QJsonObject createEndpoint(const QUrl &url, const QStringList &events = {QStringLiteral("*")});
    QString publish(const QString &type = QStringLiteral("survey.response.created"));
    QJsonObject onlyDelivery(const QString &endpointId);
    QJsonObject waitForStatus(const QString &endpointId, const QString &status, int timeoutMs = 5000);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    TestReceiver *m_receiver = nullptr;
};

void tst_Dispatcher::cleanup()
{
    m_client.reset();
    m_server.reset();
    delete m_receiver;
    m_receiver = nullptr;
}

void tst_Dispatcher::startServer(std::function<void(ServerConfig &)> adjust)
{
    m_receiver = new TestReceiver;
    m_server = std::make_unique<TestServer>(std::move(adjust));
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

QJsonObject tst_Dispatcher::createEndpoint(const QUrl &url, const QStringList &events)
{
    return m_client->post(QStringLiteral("/api/integrations/webhooks"),
                          Body{{QStringLiteral("url"), url.toString()}, {QStringLiteral("events"), QJsonArray::fromStringList(events)}})
        .json();
}

QString tst_Dispatcher::publish(const QString &type)
{
    const auto reply = m_client->post(QStringLiteral("/api/events"),
                                      Body{{QStringLiteral("type"), type}, {QStringLiteral("data"), Body{{QStringLiteral("answer"), 42}}}});
    return reply.json()[QStringLiteral("id")].toString();
}

QJsonObject tst_Dispatcher::onlyDelivery(const QString &endpointId)
{
    const QJsonArray list = m_client->get(QStringLiteral("/api/integrations/webhooks/") + endpointId + QStringLiteral("/deliveries")).data();
    if (list.isEmpty())
        return {};
    return m_client->get(QStringLiteral("/api/integrations/webhooks/") + endpointId + QStringLiteral("/deliveries/")
                         + list.first().toObject()[QStringLiteral("id")].toString())
        .json();
}

QJsonObject tst_Dispatcher::waitForStatus(const QString &endpointId, const QString &status, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonObject delivery;
    while (timer.elapsed() < timeoutMs) {
        delivery = onlyDelivery(endpointId);
        if (delivery[QStringLiteral("status")].toString() == status)
            return delivery;
        QTest::qWait(20);
    }
    qWarning("delivery never became %s: %s", qPrintable(status), QJsonDocument(delivery).toJson().constData());
    return {};
}

void tst_Dispatcher::deliversSignedPayload()
{
    startServer();
    const QJsonObject endpoint = createEndpoint(m_receiver->url());
    const QString eventId = publish();
    QVERIFY(m_receiver->waitForRequests(1));
    const ReceivedRequest request = m_receiver->requests().first();
    const QJsonObject delivery = waitForStatus(endpoint[QStringLiteral("id")].toString(), QStringLiteral("delivered"));
    QVERIFY(!delivery.isEmpty());

    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/hook"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(request.header("User-Agent"), QByteArray("ENA-Webhooks/" ENA_WEBHOOKS_VERSION));
    const QJsonObject payload = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(payload[QStringLiteral("id")].toString(), eventId);
    QCOMPARE(payload[QStringLiteral("type")].toString(), QStringLiteral("survey.response.created"));
    QCOMPARE(payload[QStringLiteral("data")].toObject()[QStringLiteral("answer")].toInt(), 42);
    QVERIFY(Rfc3339::parse(payload[QStringLiteral("created_at")].toString()));
    QVERIFY(!payload.contains(QStringLiteral("test")));

    // Standard Webhooks headers, verifiable with the secret shown at creation.
    QCOMPARE(request.header("webhook-id"), delivery[QStringLiteral("id")].toString().toUtf8());
    const qint64 timestamp = request.header("webhook-timestamp").toLongLong();
    QVERIFY(qAbs(timestamp - QDateTime::currentSecsSinceEpoch()) < 10);
    const auto key = Signer::keyFromSecret(endpoint[QStringLiteral("secret")].toString());
    QVERIFY(key);
    QVERIFY(Signer::verify(*key, request.header("webhook-id"), timestamp, request.body, request.header("webhook-signature")));

    QCOMPARE(delivery[QStringLiteral("http_status")].toInt(), 204);
    QCOMPARE(delivery[QStringLiteral("attempt_count")].toInt(), 1);
    QVERIFY(delivery[QStringLiteral("delivered_at")].isString());
    QCOMPARE(delivery[QStringLiteral("attempts")].toArray().size(), 1);
}

void tst_Dispatcher::retriesAfterServerError()
{
    startServer();
    m_receiver->enqueue(TestReceiver::respond(500, "database down"));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    const QJsonObject delivery = waitForStatus(id, QStringLiteral("delivered"));
    QCOMPARE(delivery[QStringLiteral("attempt_count")].toInt(), 2);
    const QJsonArray attempts = delivery[QStringLiteral("attempts")].toArray();
    QCOMPARE(attempts.at(0).toObject()[QStringLiteral("http_status")].toInt(), 500);
    QCOMPARE(attempts.at(0).toObject()[QStringLiteral("response_body")].toString(), QStringLiteral("database down"));
    QVERIFY(attempts.at(0).toObject()[QStringLiteral("error")].toString().contains(QLatin1String("500")));
    QCOMPARE(attempts.at(1).toObject()[QStringLiteral("http_status")].toInt(), 204);
    // Same webhook-id on every attempt, so receivers can deduplicate.
    QCOMPARE(m_receiver->requests().at(0).header("webhook-id"), m_receiver->requests().at(1).header("webhook-id"));
    // The second attempt waited for the schedule's 200 ms (minus 20% jitter).
    QVERIFY(m_receiver->requests().at(1).receivedAtMs - m_receiver->requests().at(0).receivedAtMs >= 150);
}

void tst_Dispatcher::failsAfterLastAttempt()
{
    startServer();
    m_receiver->setDefault(TestReceiver::respond(503));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    const QJsonObject delivery = waitForStatus(id, QStringLiteral("failed"));
    QCOMPARE(delivery[QStringLiteral("attempt_count")].toInt(), 3); // schedule 0, 200 ms, 400 ms
    QCOMPARE(m_receiver->count(), 3);
    QVERIFY(delivery[QStringLiteral("delivered_at")].isNull());
    QCOMPARE(delivery[QStringLiteral("http_status")].toInt(), 503);
}

void tst_Dispatcher::timesOutOnHangingReceiver()
{
    startServer([](ServerConfig &c) {
        c.deliveryTimeoutMs = 300;
        c.retryScheduleMs = {0};
    });
    m_receiver->setDefault(TestReceiver::behave(B::Drip));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    const QJsonObject delivery = waitForStatus(id, QStringLiteral("failed"));
    const QJsonObject attempt = delivery[QStringLiteral("attempts")].toArray().first().toObject();
    QVERIFY2(attempt[QStringLiteral("error")].toString().contains(QLatin1String("timed out")), qPrintable(attempt[QStringLiteral("error")].toString()));
    QVERIFY(attempt[QStringLiteral("duration_ms")].toInt() < 2000);
}

void tst_Dispatcher::doesNotFollowRedirects()
{
    startServer([](ServerConfig &c) { c.retryScheduleMs = {0}; });
    TestReceiver elsewhere;
    m_receiver->setDefault(TestReceiver::respond(302, {}, {{"Location", elsewhere.url().toEncoded()}}));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    const QJsonObject delivery = waitForStatus(id, QStringLiteral("failed"));
    QCOMPARE(delivery[QStringLiteral("http_status")].toInt(), 302);
    QVERIFY(delivery[QStringLiteral("last_error")].toString().contains(QLatin1String("redirect")));
    QCOMPARE(elsewhere.count(), 0);
}

void tst_Dispatcher::goneStopsRetrying()
{
    startServer();
    m_receiver->setDefault(TestReceiver::respond(410));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    const QJsonObject delivery = waitForStatus(id, QStringLiteral("failed"));
    QCOMPARE(delivery[QStringLiteral("attempt_count")].toInt(), 1);
    QTest::qWait(700); // longer than the whole schedule
    QCOMPARE(m_receiver->count(), 1);
}

void tst_Dispatcher::honoursRetryAfter()
{
    startServer([](ServerConfig &c) { c.retryScheduleMs = {0, 100}; });
    m_receiver->enqueue(TestReceiver::respond(429, {}, {{"Retry-After", "1"}}));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    QVERIFY(waitForStatus(id, QStringLiteral("delivered"), 5000).size() > 0);
    const auto requests = m_receiver->requests();
    QCOMPARE(requests.size(), 2);
    QVERIFY2(requests.at(1).receivedAtMs - requests.at(0).receivedAtMs >= 950,
             qPrintable(QString::number(requests.at(1).receivedAtMs - requests.at(0).receivedAtMs)));
}

void tst_Dispatcher::disabledEndpointWaits()
{
    startServer([](ServerConfig &c) { c.retryScheduleMs = {0, 300}; });
    m_receiver->enqueue(TestReceiver::respond(500));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    const QString path = QStringLiteral("/api/integrations/webhooks/") + id;
    publish();
    QVERIFY(m_receiver->waitForRequests(1));
    m_client->patch(path, Body{{QStringLiteral("enabled"), false}});
    // Disabled: no new deliveries, and the pending one waits.
    const auto published = m_client->post(QStringLiteral("/api/events"), Body{{QStringLiteral("type"), QStringLiteral("survey.response.created")}, {QStringLiteral("data"), Body{}}});
    QCOMPARE(published.json()[QStringLiteral("deliveries")].toInt(), 0);
    QTest::qWait(800);
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(onlyDelivery(id)[QStringLiteral("status")].toString(), QStringLiteral("pending"));

    m_client->patch(path, Body{{QStringLiteral("enabled"), true}});
    QVERIFY(!waitForStatus(id, QStringLiteral("delivered")).isEmpty());
    QCOMPARE(m_receiver->count(), 2);
}

void tst_Dispatcher::rotationSignsLaterAttemptsWithNewSecret()
{
    startServer([](ServerConfig &c) { c.retryScheduleMs = {0, 300}; });
    m_receiver->enqueue(TestReceiver::respond(500));
    const QJsonObject endpoint = createEndpoint(m_receiver->url());
    const QString id = endpoint[QStringLiteral("id")].toString();
    publish();
    QVERIFY(m_receiver->waitForRequests(1));
    const QString newSecret = m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/rotate-secret"))
                                  .json()[QStringLiteral("secret")].toString();
    QVERIFY(m_receiver->waitForRequests(2));
    const auto oldKey = Signer::keyFromSecret(endpoint[QStringLiteral("secret")].toString());
    const auto newKey = Signer::keyFromSecret(newSecret);
    const auto verify = [](const QByteArray &key, const ReceivedRequest &r) {
        return Signer::verify(key, r.header("webhook-id"), r.header("webhook-timestamp").toLongLong(), r.body, r.header("webhook-signature"));
    };
    const ReceivedRequest first = m_receiver->requests().at(0);
    const ReceivedRequest second = m_receiver->requests().at(1);
    QVERIFY(verify(*oldKey, first));
    QVERIFY(!verify(*newKey, first));
    QVERIFY(verify(*newKey, second));
    QVERIFY(!verify(*oldKey, second));
}

void tst_Dispatcher::deleteAbortsInFlight()
{
    startServer([](ServerConfig &c) { c.deliveryTimeoutMs = 10000; });
    m_receiver->setDefault(TestReceiver::behave(B::Hang));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    QVERIFY(m_receiver->waitForRequests(1));
    QCOMPARE(m_server->server().dispatcher().inFlight(), 1);
    QCOMPARE(m_client->del(QStringLiteral("/api/integrations/webhooks/") + id).status, 204);
    QCOMPARE(m_server->server().dispatcher().inFlight(), 0);
    QTest::qWait(300);
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
}

void tst_Dispatcher::testEventIsMarked()
{
    startServer();
    const QString id = createEndpoint(m_receiver->url(), {QStringLiteral("hygiene.submission.created")})[QStringLiteral("id")].toString();
    const auto reply = m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/test"),
                                      Body{{QStringLiteral("event"), QStringLiteral("hygiene.submission.created")}});
    QCOMPARE(reply.status, 202);
    QVERIFY(m_receiver->waitForRequests(1));
    const QJsonObject payload = QJsonDocument::fromJson(m_receiver->requests().first().body).object();
    QCOMPARE(payload[QStringLiteral("test")].toBool(), true);
    QCOMPARE(payload[QStringLiteral("type")].toString(), QStringLiteral("hygiene.submission.created"));
    QCOMPARE(payload[QStringLiteral("data")].toObject()[QStringLiteral("location")].toString(), QStringLiteral("Store 12 - Kitchen"));
}

void tst_Dispatcher::manualRetryOfFailedDelivery()
{
    startServer([](ServerConfig &c) { c.retryScheduleMs = {0}; });
    m_receiver->enqueue(TestReceiver::respond(500));
    const QString id = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    publish();
    const QString deliveryId = waitForStatus(id, QStringLiteral("failed"))[QStringLiteral("id")].toString();
    QElapsedTimer timer;
    timer.start();
    const auto retry = m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/deliveries/") + deliveryId + QStringLiteral("/retry"));
    QCOMPARE(retry.status, 202);
    QVERIFY(m_receiver->waitForRequests(2, 1000));
    QVERIFY(timer.elapsed() < 1000); // "sends within a second"
    const QJsonObject delivery = waitForStatus(id, QStringLiteral("delivered"));
    QCOMPARE(delivery[QStringLiteral("attempt_count")].toInt(), 2);
}

void tst_Dispatcher::refusesPrivateTargetsWithoutFlag()
{
    startServer([](ServerConfig &c) {
        c.allowPrivateNetwork = false;
        c.retryScheduleMs = {0};
    });
    QUrl viaName = m_receiver->url();
    viaName.setHost(QStringLiteral("localhost"));
    const QString byAddress = createEndpoint(m_receiver->url())[QStringLiteral("id")].toString();
    const QString byName = createEndpoint(viaName)[QStringLiteral("id")].toString();
    publish();
    for (const QString &id : {byAddress, byName}) {
        const QJsonObject delivery = waitForStatus(id, QStringLiteral("failed"));
        QVERIFY2(delivery[QStringLiteral("last_error")].toString().contains(QLatin1String("--allow-private-network")),
                 qPrintable(delivery[QStringLiteral("last_error")].toString()));
    }
    QCOMPARE(m_receiver->count(), 0);
}

void tst_Dispatcher::hangingEndpointDoesNotDelayOthers()
{
    startServer([](ServerConfig &c) { c.deliveryTimeoutMs = 10000; });
    TestReceiver healthy;
    m_receiver->setDefault(TestReceiver::behave(B::Hang));
    createEndpoint(m_receiver->url(), {QStringLiteral("feedback.ticket.created")});
    const QString healthyId = createEndpoint(healthy.url(), {QStringLiteral("survey.response.created")})[QStringLiteral("id")].toString();
    for (int i = 0; i < 40; ++i) // more than the per-endpoint limit of requests in flight
        publish(QStringLiteral("feedback.ticket.created"));
    QVERIFY(m_receiver->waitForRequests(16));
    QElapsedTimer timer;
    timer.start();
    publish(QStringLiteral("survey.response.created"));
    QVERIFY(healthy.waitForRequests(1, 2000));
    QVERIFY(timer.elapsed() < 1000);
    QVERIFY(!waitForStatus(healthyId, QStringLiteral("delivered")).isEmpty());
    // The hanging endpoint holds only its share of connections: the rest wait unsent.
    QTest::qWait(200);
    QCOMPARE(m_receiver->count(), 16);
}

QTEST_GUILESS_MAIN(tst_Dispatcher)
#include "tst_dispatcher.moc"
