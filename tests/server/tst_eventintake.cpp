#include "ApiTestClient.h"
#include "Database.h"
#include "DeferredAnswer.h"
#include "RawHttpClient.h"
#include "Router.h"
#include "TestReceiver.h"
#include "TestServer.h"
#include "WriteTransaction.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <sys/socket.h>

using Body = QJsonObject;
using Clients = std::vector<std::unique_ptr<RawHttpClient>>;

// POST /api/events through the group commit (EventIntake), end to end on a real server: many
// publishes in one turn of the event loop, repeats of a key within a batch, answers in request
// order per connection, clients that leave, a stop with a batch waiting, a batch that cannot be
// stored, and metrics.
class tst_EventIntake : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void concurrentPublishesAreAcceptedAndDeliveredWithTheirOwnData_data();
    void concurrentPublishesAreAcceptedAndDeliveredWithTheirOwnData();
    void sameKeyOnSeveralConnectionsMakesOneEvent_data();
    void sameKeyOnSeveralConnectionsMakesOneEvent();
    void pipelinedAnswersKeepRequestOrder_data();
    void pipelinedAnswersKeepRequestOrder();
    void clientLeavingAfterPublishStillGetsItsEventStored_data();
    void clientLeavingAfterPublishStillGetsItsEventStored();
    void shortBatchAfterALargeOneIsStillCommitted();
    void stopCommitsWhatIsQueued();
    void stopWithRequestsInFlightLosesNoAcceptedEvent();
    void batchThatCannotBeStoredFailsEveryRequestInIt();
    void metricsCountDeferredAnswersWithTheirFinalStatus();

private:
    QByteArray publishRequest(const Body &data, const QByteArray &key = {}) const;
    QByteArray authHeader() const { return "Authorization: Bearer " + m_server->token() + "\r\n"; }
    ApiTestClient::Reply publishAgain(const QByteArray &key);
    Clients openConnections(int count) const;
    // Writes the publishes (data {"n": k}, key keyPrefix+k if given) to all connections before
    // the server's next turn; the n of each answered event id, or nothing if any was not a 202.
    QHash<QString, int> publishAll(int connections, int perConnection, const QByteArray &keyPrefix = {});
    // Delivery id by event id from the endpoint's history; meta.total in *total.
    QHash<QString, QString> stored(int *total = nullptr);
    // GET /metrics: the POST /api/events requests counted with this status.
    double countedPublishes(int status);
    // The receiver's requests by event id: body "data" (and webhook-id), once it has expected.
    QHash<QString, QJsonObject> received(int expected, QHash<QString, QString> *deliveryIds = nullptr);

    std::unique_ptr<TestReceiver> m_receiver;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_admin;
    QString m_endpointId;
};

namespace {

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &headers = {},
                   const QByteArray &body = {})
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
    if (!body.isEmpty())
        out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

QByteArray eventBody(const Body &data)
{
    return QJsonDocument(Body{{QStringLiteral("type"), QStringLiteral("survey.response.created")}, {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject json(const RawHttpClient::Response &response) { return QJsonDocument::fromJson(response.body).object(); }
QString eventId(const RawHttpClient::Response &response) { return json(response).value(QStringLiteral("id")).toString(); }

template <typename Hash>
QSet<QString> keySet(const Hash &hash)
{
    return QSet<QString>(hash.keyBegin(), hash.keyEnd());
}

} // namespace

void tst_EventIntake::init()
{
    m_receiver = std::make_unique<TestReceiver>();
    // Room for more connections than one batch holds (512).
    m_server = std::make_unique<TestServer>([](ServerConfig &c) { c.maxConnections = 1024; });
    QVERIFY(m_server->start());
    m_admin = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
    const auto created = m_admin->post(QStringLiteral("/api/integrations/webhooks"),
                                       Body{{QStringLiteral("url"), m_receiver->url().toString()},
                                            {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}});
    QCOMPARE(created.status, 201);
    m_endpointId = created.json().value(QStringLiteral("id")).toString();
}

void tst_EventIntake::cleanup()
{
    m_admin.reset();
    m_server.reset();
    m_receiver.reset();
}

QByteArray tst_EventIntake::publishRequest(const Body &data, const QByteArray &key) const
{
    const QByteArray keyHeader = key.isEmpty() ? QByteArray() : QByteArray("Idempotency-Key: " + key + "\r\n");
    return request("POST", "/api/events", authHeader() + keyHeader, eventBody(data));
}

ApiTestClient::Reply tst_EventIntake::publishAgain(const QByteArray &key)
{
    return m_admin->send("POST", QStringLiteral("/api/events"), eventBody(Body{{QStringLiteral("again"), true}}),
                         {{"Content-Type", "application/json"}, {"Idempotency-Key", key}});
}

// Each connection is answered once first, so the server has accepted and set it up: what is then
// written to all of them is waiting for the server, together, at its next turn.
Clients tst_EventIntake::openConnections(int count) const
{
    Clients clients;
    for (int i = 0; i < count; ++i)
        clients.push_back(std::make_unique<RawHttpClient>(m_server->server().port()));
    for (const auto &client : clients)
        client->send(request("GET", "/api/health"));
    for (const auto &client : clients) {
        const auto answer = client->waitForResponse(15000);
        if (!answer || answer->status != 200)
            return {};
    }
    return clients;
}

QHash<QString, int> tst_EventIntake::publishAll(int connections, int perConnection, const QByteArray &keyPrefix)
{
    const Clients clients = openConnections(connections);
    for (int c = 0; c < int(clients.size()); ++c) {
        QByteArray pipeline;
        for (int n = c * perConnection; n < (c + 1) * perConnection; ++n)
            pipeline += publishRequest(Body{{QStringLiteral("n"), n}}, keyPrefix.isEmpty() ? keyPrefix : QByteArray(keyPrefix + QByteArray::number(n)));
        clients[c]->send(pipeline); // already connected: no event loop turn between the writes
    }
    QHash<QString, int> nByEvent;
    for (int n = 0; n < int(clients.size()) * perConnection; ++n) {
        const auto answer = clients[n / perConnection]->waitForResponse(15000);
        if (!answer || answer->status != 202 || json(*answer).value(QStringLiteral("deliveries")).toInt() != 1
            || !eventId(*answer).startsWith(QLatin1String("evt_"))) {
            qWarning("publish %d: %s", n, answer ? answer->body.constData() : "no answer");
            return {};
        }
        nByEvent.insert(eventId(*answer), n);
    }
    return nByEvent;
}

QHash<QString, QString> tst_EventIntake::stored(int *total)
{
    const auto reply = m_admin->get(QStringLiteral("/api/integrations/webhooks/%1/deliveries?per_page=100").arg(m_endpointId));
    if (total)
        *total = reply.status == 200 ? reply.json()[QStringLiteral("meta")][QStringLiteral("total")].toInt() : -1;
    QHash<QString, QString> byEvent;
    for (const QJsonValue &delivery : reply.data())
        byEvent.insert(delivery[QStringLiteral("event_id")].toString(), delivery[QStringLiteral("id")].toString());
    return byEvent;
}

double tst_EventIntake::countedPublishes(int status)
{
    const QByteArray series = R"(ena_webhooks_http_requests_total{method="POST",route="/api/events",status=")"
        + QByteArray::number(status) + "\"} ";
    for (const QByteArray &line : m_admin->get(QStringLiteral("/metrics")).body.split('\n')) {
        if (line.startsWith(series))
            return line.mid(series.size()).toDouble();
    }
    return 0;
}

QHash<QString, QJsonObject> tst_EventIntake::received(int expected, QHash<QString, QString> *deliveryIds)
{
    QHash<QString, QJsonObject> byEvent;
    if (!m_receiver->waitForRequests(expected, 30000))
        return byEvent;
    for (const ReceivedRequest &request : m_receiver->requests()) {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QString id = body.value(QStringLiteral("id")).toString();
        byEvent.insert(id, body.value(QStringLiteral("data")).toObject());
        if (deliveryIds)
            deliveryIds->insert(id, QString::fromLatin1(request.header("webhook-id")));
    }
    return byEvent;
}

void tst_EventIntake::concurrentPublishesAreAcceptedAndDeliveredWithTheirOwnData_data()
{
    QTest::addColumn<int>("connections");
    QTest::addColumn<int>("perConnection");
    QTest::addColumn<QByteArray>("keyPrefix");
    QTest::newRow("64 connections, one each") << 64 << 1 << QByteArray();
    QTest::newRow("64 connections, a key each") << 64 << 1 << QByteArray("key-");
    QTest::newRow("16 connections, 4 pipelined each") << 16 << 4 << QByteArray();
    QTest::newRow("8 connections, 8 pipelined each") << 8 << 8 << QByteArray("key-");
    QTest::newRow("600 connections, more than a full batch") << 600 << 1 << QByteArray();
}

void tst_EventIntake::concurrentPublishesAreAcceptedAndDeliveredWithTheirOwnData()
{
    QFETCH(int, connections);
    QFETCH(int, perConnection);
    QFETCH(QByteArray, keyPrefix);
    const int total = connections * perConnection;
    const QHash<QString, int> nByEvent = publishAll(connections, perConnection, keyPrefix);
    QCOMPARE(nByEvent.size(), total); // every one a 202 with an id of its own

    int storedTotal = 0;
    const QHash<QString, QString> deliveryByEvent = stored(&storedTotal); // a page of at most 100
    QCOMPARE(storedTotal, total); // committed before the 202s, so no waiting
    // Answer -> stored delivery -> the receiver's request for it -> the data that request sent.
    QHash<QString, QString> receivedDeliveryIds;
    const QHash<QString, QJsonObject> delivered = received(total, &receivedDeliveryIds);
    QCOMPARE(keySet(delivered), keySet(nByEvent));
    for (auto it = nByEvent.cbegin(); it != nByEvent.cend(); ++it) {
        QCOMPARE(delivered.value(it.key()).value(QStringLiteral("n")).toInt(-1), it.value());
        if (deliveryByEvent.contains(it.key()))
            QCOMPARE(receivedDeliveryIds.value(it.key()), deliveryByEvent.value(it.key()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_admin->get(QStringLiteral("/api/integrations/webhooks/%1/deliveries?status=delivered").arg(m_endpointId))
                                  .json()[QStringLiteral("meta")][QStringLiteral("total")].toInt(),
                              total, 30000);
}

void tst_EventIntake::sameKeyOnSeveralConnectionsMakesOneEvent_data()
{
    QTest::addColumn<int>("connections");
    QTest::addColumn<bool>("sameBody");
    QTest::newRow("two connections") << 2 << true;
    QTest::newRow("five connections") << 5 << true;
    QTest::newRow("two connections, repeat with other data") << 2 << false;
}

void tst_EventIntake::sameKeyOnSeveralConnectionsMakesOneEvent()
{
    QFETCH(int, connections);
    QFETCH(bool, sameBody);
    const Clients clients = openConnections(connections);
    QCOMPARE(int(clients.size()), connections);
    for (int i = 0; i < connections; ++i)
        clients[i]->send(publishRequest(Body{{QStringLiteral("n"), sameBody ? 0 : i}}, "order-4711"));

    QSet<QString> ids;
    int replayed = 0;
    for (const auto &client : clients) {
        const auto answer = client->waitForResponse(15000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 202);
        QCOMPARE(json(*answer).value(QStringLiteral("deliveries")).toInt(), 1);
        ids.insert(eventId(*answer));
        replayed += answer->header("Idempotent-Replayed") == "true" ? 1 : 0;
    }
    QCOMPARE(ids.size(), 1);
    QCOMPARE(replayed, connections - 1); // all but the one that created the event
    const QString id = *ids.cbegin();

    int total = 0;
    QCOMPARE(stored(&total).keys(), QList<QString>{id});
    QCOMPARE(total, 1);
    QCOMPARE(received(1).value(id).value(QStringLiteral("n")).toInt(), 0); // the first request's data
    QCOMPARE(countedPublishes(202), double(connections)); // replays are answers too
}

void tst_EventIntake::pipelinedAnswersKeepRequestOrder_data()
{
    QTest::addColumn<QByteArrayList>("steps");
    QTest::addColumn<QList<int>>("statuses");
    // "publish[:KEY]", "health", "invalid" (422, answered without waiting), "missing" (404).
    QTest::newRow("publish, health, publish") << QByteArrayList{"publish", "health", "publish"} << QList<int>{202, 200, 202};
    QTest::newRow("publish, invalid, publish") << QByteArrayList{"publish", "invalid", "publish"} << QList<int>{202, 422, 202};
    QTest::newRow("health, publish, missing, health") << QByteArrayList{"health", "publish", "missing", "health"}
                                                      << QList<int>{200, 202, 404, 200};
    QTest::newRow("same key twice, then health") << QByteArrayList{"publish:k1", "publish:k1", "health"} << QList<int>{202, 202, 200};
    QTest::newRow("five publishes") << QByteArrayList(5, "publish") << QList<int>(5, 202);
}

void tst_EventIntake::pipelinedAnswersKeepRequestOrder()
{
    QFETCH(QByteArrayList, steps);
    QFETCH(QList<int>, statuses);
    const QHash<QByteArray, QByteArray> others{
        {"health", request("GET", "/api/health")},
        {"invalid", request("POST", "/api/events", authHeader(), R"({"type":"no.such.type","data":{}})")},
        {"missing", request("GET", "/api/nothing/here", authHeader())}};
    QByteArray pipeline;
    for (int i = 0; i < steps.size(); ++i)
        pipeline += steps.at(i).startsWith("publish") ? publishRequest(Body{{QStringLiteral("step"), i}}, steps.at(i).mid(8))
                                                     : others.value(steps.at(i));
    RawHttpClient client(m_server->server().port());
    QVERIFY(client.waitForConnected());
    client.send(pipeline); // one write: the server finds all of them waiting at once

    QHash<QByteArray, QString> idByKey;
    QHash<QString, int> stepByEvent; // events created, by the step whose answer named them
    for (int i = 0; i < steps.size(); ++i) {
        const auto answer = client.waitForResponse(15000);
        QVERIFY2(answer, qPrintable(QStringLiteral("no answer to step %1").arg(i)));
        QCOMPARE(answer->status, statuses.at(i));
        const QByteArray key = steps.at(i).mid(8);
        if (answer->status == 202 && !key.isEmpty() && idByKey.contains(key)) {
            QCOMPARE(eventId(*answer), idByKey.value(key));
            QCOMPARE(answer->header("Idempotent-Replayed"), QByteArray("true"));
        } else if (answer->status == 202) {
            QVERIFY(answer->header("Idempotent-Replayed").isEmpty());
            idByKey.insert(key, eventId(*answer));
            stepByEvent.insert(eventId(*answer), i);
        } else {
            QVERIFY(json(*answer).contains(steps.at(i) == "health" ? QStringLiteral("status") : QStringLiteral("error")));
        }
    }
    // Each 202 answered its own request: the event it names carries that request's data.
    const QHash<QString, QJsonObject> delivered = received(int(stepByEvent.size()));
    QCOMPARE(delivered.size(), stepByEvent.size());
    for (auto it = stepByEvent.cbegin(); it != stepByEvent.cend(); ++it)
        QCOMPARE(delivered.value(it.key()).value(QStringLiteral("step")).toInt(-1), it.value());
}

void tst_EventIntake::clientLeavingAfterPublishStillGetsItsEventStored_data()
{
    QTest::addColumn<bool>("reset");
    QTest::newRow("closes") << false; // FIN
    QTest::newRow("resets") << true;
}

void tst_EventIntake::clientLeavingAfterPublishStillGetsItsEventStored()
{
    QFETCH(bool, reset);
    {
        RawHttpClient leaving(m_server->server().port());
        QVERIFY(leaving.waitForConnected());
        leaving.send(publishRequest(Body{{QStringLiteral("left"), true}}, "left-early"));
        if (reset) { // RST instead of FIN: writing the answer then fails on the server's side
            const linger now{1, 0};
            ::setsockopt(int(leaving.socket().socketDescriptor()), SOL_SOCKET, SO_LINGER, &now, sizeof now);
            leaving.socket().abort();
        } else {
            leaving.socket().disconnectFromHost();
        }
    } // gone before the server's event loop turned

    QCOMPARE(m_admin->get(QStringLiteral("/api/health")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(stored().size(), 1, 15000);
    const QString id = stored().keys().value(0);
    QCOMPARE(received(1).value(id).value(QStringLiteral("left")).toBool(), true);
    // It was accepted: a repeat with its key gets that event's answer and creates nothing.
    const auto again = publishAgain("left-early");
    QCOMPARE(again.status, 202);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(again.json().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(stored().keys(), QList<QString>{id});
}

void tst_EventIntake::shortBatchAfterALargeOneIsStillCommitted()
{
    // A batch smaller than the last one waits for more clients, but not for ever: a lone publish
    // after many at once is accepted, and so is the next one.
    const QHash<QString, int> many = publishAll(12, 1);
    QCOMPARE(many.size(), 12);
    QSet<QString> ids = keySet(many);
    for (int i = 0; i < 2; ++i) {
        const auto alone = m_admin->send("POST", QStringLiteral("/api/events"), eventBody(Body{{QStringLiteral("alone"), i}}),
                                         {{"Content-Type", "application/json"}});
        QCOMPARE(alone.status, 202);
        ids.insert(alone.json().value(QStringLiteral("id")).toString());
    }
    QCOMPARE(ids.size(), 14);
    QCOMPARE(keySet(stored()), ids);
}

void tst_EventIntake::stopCommitsWhatIsQueued()
{
    constexpr int count = 20;
    // Handed to the route as HttpFront hands requests over, so they sit in the batch with no turn
    // of the event loop before the stop; through a socket, whether the commit ran first is luck.
    const Router::Match route = m_server->server().router().match("POST", QStringLiteral("/api/events"));
    QVERIFY(route.route);
    QList<ApiResponse> answers(count);
    for (int i = 0; i < count; ++i) {
        ApiRequest publish;
        publish.method = "POST";
        publish.path = QStringLiteral("/api/events");
        publish.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", QByteArray("stop-" + QByteArray::number(i))}};
        publish.body = eventBody(Body{{QStringLiteral("n"), i}});
        const ApiResponse response = route.route->handler(publish);
        QVERIFY(response.deferred);
        QVERIFY(!response.deferred->isComplete()); // waiting for its batch's commit
        response.deferred->then([&answers, i](const ApiResponse &answer) { answers[i] = answer; });
    }

    m_server->stop();
    QSet<QString> ids;
    for (const ApiResponse &answer : std::as_const(answers)) {
        QCOMPARE(answer.status, 202); // answered by the stop, not dropped
        ids.insert(QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("id")).toString());
    }
    QCOMPARE(ids.size(), count);

    QVERIFY(m_server->start()); // same data directory
    m_admin->setBase(m_server->url(QStringLiteral("/")));
    QCOMPARE(keySet(stored()), ids);
    QCOMPARE(keySet(received(count)), ids);
    const auto again = publishAgain("stop-0"); // the keys were committed with the events
    QCOMPARE(again.status, 202);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(again.body, answers.at(0).body);
}

// A stop can catch requests anywhere on their way: unread on the socket, parsed, in the batch,
// committed with the answer not yet sent. What it accepted it commits and answers; what it
// had not read is neither stored nor answered, so a client knows what to send again.
void tst_EventIntake::stopWithRequestsInFlightLosesNoAcceptedEvent()
{
    constexpr int connections = 12;
    constexpr int perConnection = 8; // 96 events: one page of stored()
    const Clients clients = openConnections(connections);
    QCOMPARE(int(clients.size()), connections);
    for (int c = 0; c < connections; ++c) {
        QByteArray pipeline;
        for (int i = 0; i < perConnection; ++i)
            pipeline += publishRequest(Body{{QStringLiteral("n"), c * perConnection + i}});
        clients[c]->send(pipeline);
    }
    // Stopped in the turn the first answer arrives, when the next requests have been read and
    // wait in a batch (QTRY's 50 ms steps would let all of them finish first).
    QElapsedTimer waited;
    waited.start();
    while (clients[0]->receivedBytes() == 0 && waited.elapsed() < 15000)
        QCoreApplication::processEvents();
    QVERIFY(clients[0]->receivedBytes() > 0);
    m_server->stop();

    QSet<QString> accepted;
    for (const auto &client : clients) {
        while (const auto answer = client->waitForResponse(200)) {
            QCOMPARE(answer->status, 202);
            accepted.insert(eventId(*answer));
        }
    }
    QVERIFY(m_server->start());
    m_admin->setBase(m_server->url(QStringLiteral("/")));
    // Every event stored was answered 202 (the stop sends the answers of what it commits), and
    // every 202 is stored; the rest were never read and the clients see their connection close.
    QCOMPARE(keySet(stored()), accepted);
    // And it serves again, on fresh connections.
    QCOMPARE(publishAll(4, 2).size(), 8);
}

void tst_EventIntake::batchThatCannotBeStoredFailsEveryRequestInIt()
{
    // A second connection holds the write lock until SQLite's busy timeout gives up on the commit.
    Database blocker;
    const auto opened = blocker.open(QDir(m_server->dataDir()).filePath(QStringLiteral("webhooks.sqlite")));
    QVERIFY2(!opened, qPrintable(opened.value_or(QString())));
    auto lock = std::make_unique<WriteTransaction>(blocker);
    const Clients clients = openConnections(3);
    QCOMPARE(int(clients.size()), 3);
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("^could not store 2 published events: ")));
    clients[0]->send(publishRequest(Body{{QStringLiteral("n"), 0}}, "retry-me"));
    clients[1]->send(publishRequest(Body{{QStringLiteral("n"), 1}}));
    clients[2]->send(publishRequest(Body{{QStringLiteral("n"), 2}}, "retry-me")); // a repeat while queued
    for (const auto &client : clients) {
        const auto answer = client->waitForResponse(60000);
        QVERIFY(answer);
        QCOMPARE(answer->status, 500);
        QCOMPARE(json(*answer)[QStringLiteral("error")][QStringLiteral("code")].toString(), QStringLiteral("internal_error"));
        QVERIFY(answer->header("Idempotent-Replayed").isEmpty());
    }
    lock.reset();

    int total = -1;
    QVERIFY(stored(&total).isEmpty());
    QCOMPARE(total, 0); // none of the batch was stored
    // Nothing was remembered for the key either: sending again creates the event now.
    const auto again = publishAgain("retry-me");
    QCOMPARE(again.status, 202);
    QVERIFY(again.header("Idempotent-Replayed").isEmpty());
    QCOMPARE(stored().keys(), QList<QString>{again.json().value(QStringLiteral("id")).toString()});
}

void tst_EventIntake::metricsCountDeferredAnswersWithTheirFinalStatus()
{
    QCOMPARE(publishAll(10, 1).size(), 10);
    QCOMPARE(m_admin->send("POST", QStringLiteral("/api/events"), "{}", {{"Content-Type", "application/json"}}).status, 422);
    // Counted before the answer was written, so already there once the clients have theirs.
    QCOMPARE(countedPublishes(202), 10.0);
    QCOMPARE(countedPublishes(422), 1.0);
    QCOMPARE(countedPublishes(200), 0.0); // never under the placeholder status of a deferred answer
}

QTEST_GUILESS_MAIN(tst_EventIntake)
#include "tst_eventintake.moc"
