#include "ApiTestClient.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QJsonDocument>
#include <QTemporaryFile>
#include <QTest>

using Body = QJsonObject;

// POST /api/events: validation, routing to subscribers, idempotency and the publish-only token.
class tst_EventsApi : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void routesToSubscribers();
    void rejectsBadEvents_data();
    void rejectsBadEvents();
    void receiversGetDataAsWritten_data();
    void receiversGetDataAsWritten();
    void idempotencyKeyReplaysAnswer();
    void publishOnlyToken_data();
    void publishOnlyToken();

private:
    QString createEndpoint(const QStringList &events, bool enabled = true);
    ApiTestClient::Reply publish(const QString &type, const QByteArray &key = {});

    std::unique_ptr<QTemporaryFile> m_publishTokenFile;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::unique_ptr<TestReceiver> m_receiver;
};

void tst_EventsApi::init()
{
    m_publishTokenFile = std::make_unique<QTemporaryFile>();
    QVERIFY(m_publishTokenFile->open());
    m_publishTokenFile->write("publisher-secret-token\n");
    m_publishTokenFile->flush();
    m_receiver = std::make_unique<TestReceiver>();
    m_server = std::make_unique<TestServer>([this](ServerConfig &c) { c.publishTokenFile = m_publishTokenFile->fileName(); });
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

void tst_EventsApi::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_receiver.reset();
}

QString tst_EventsApi::createEndpoint(const QStringList &events, bool enabled)
{
    return m_client->post(QStringLiteral("/api/integrations/webhooks"),
                          Body{{QStringLiteral("url"), m_receiver->url().toString()},
                               {QStringLiteral("events"), QJsonArray::fromStringList(events)},
                               {QStringLiteral("enabled"), enabled}})
        .json()[QStringLiteral("id")]
        .toString();
}

ApiTestClient::Reply tst_EventsApi::publish(const QString &type, const QByteArray &key)
{
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    if (!key.isEmpty())
        headers.append({"Idempotency-Key", key});
    return m_client->send("POST", QStringLiteral("/api/events"),
                          QJsonDocument(Body{{QStringLiteral("type"), type}, {QStringLiteral("data"), Body{{QStringLiteral("k"), 1}}}}).toJson(),
                          headers);
}

void tst_EventsApi::routesToSubscribers()
{
    const QString surveys = createEndpoint({QStringLiteral("survey.response.created")});
    const QString all = createEndpoint({QStringLiteral("*")});
    createEndpoint({QStringLiteral("feedback.ticket.created")});
    createEndpoint({QStringLiteral("*")}, false);

    const auto reply = publish(QStringLiteral("survey.response.created"));
    QCOMPARE(reply.status, 202);
    QVERIFY(reply.json()[QStringLiteral("id")].toString().startsWith(QLatin1String("evt_")));
    QCOMPARE(reply.json()[QStringLiteral("deliveries")].toInt(), 2); // surveys + all; not tickets, not disabled
    QVERIFY(m_receiver->waitForRequests(2));
    QTest::qWait(200);
    QCOMPARE(m_receiver->count(), 2);

    QCOMPARE(publish(QStringLiteral("hygiene.submission.created")).json()[QStringLiteral("deliveries")].toInt(), 1);
    const auto history = [&](const QString &id) {
        return m_client->get(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/deliveries")).data().size();
    };
    QCOMPARE(history(surveys), 1);
    QCOMPARE(history(all), 2);
}

void tst_EventsApi::rejectsBadEvents_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown type") << QByteArray(R"({"type":"survey.deleted","data":{}})") << 422 << QStringLiteral("survey.response.created");
    QTest::newRow("missing type") << QByteArray(R"({"data":{}})") << 422 << QStringLiteral("type");
    QTest::newRow("missing data") << QByteArray(R"({"type":"survey.response.created"})") << 422 << QStringLiteral("data");
    QTest::newRow("data not object") << QByteArray(R"({"type":"survey.response.created","data":[1]})") << 400 << QStringLiteral("data");
    QTest::newRow("extra field") << QByteArray(R"({"type":"survey.response.created","data":{},"tpye":1})") << 422 << QStringLiteral("tpye");
    QTest::newRow("malformed") << QByteArray(R"({"type":)") << 400 << QStringLiteral("JSON");
}

void tst_EventsApi::rejectsBadEvents()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, mentions);
    createEndpoint({QStringLiteral("*")});
    const auto reply = m_client->send("POST", QStringLiteral("/api/events"), body, {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.errorMessage().contains(mentions), qPrintable(reply.errorMessage()));
    QTest::qWait(100);
    QCOMPARE(m_receiver->count(), 0);
}

void tst_EventsApi::receiversGetDataAsWritten_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expectedData");
    QTest::newRow("compact") << QByteArray(R"({"type":"survey.response.created","data":{"b":1,"a":2}})")
                             << QByteArray(R"({"b":1,"a":2})");
    // Through a double this id would arrive as 12345678901234567000.
    QTest::newRow("big integer and spacing")
        << QByteArray("{\"data\": {\n  \"order_id\": 12345678901234567891,\n  \"ratio\": 1.50\n},\n\"type\": \"survey.response.created\"}")
        << QByteArray("{\n  \"order_id\": 12345678901234567891,\n  \"ratio\": 1.50\n}");
    // Qt's parser takes a raw tab inside a string; receivers get it escaped, as valid JSON.
    QTest::newRow("raw control byte") << QByteArray("{\"type\":\"survey.response.created\",\"data\": {\"a\": \"x\ty\"}}")
                                      << QByteArray(R"({"a":"x\ty"})");
    // Qt takes "1." as a number; JSON does not, so it is written out again as Qt read it.
    QTest::newRow("number JSON does not allow") << QByteArray(R"({"type":"survey.response.created","data":{"a":1.}})")
                                                << QByteArray(R"({"a":1})");
    // Two "data" members: the parser's choice is validated, so that choice is sent, written compact.
    QTest::newRow("data twice") << QByteArray(R"({"type":"survey.response.created","data":{"a":1},"data":{"b" : 2}})")
                                << QByteArray(R"({"b":2})");
}

void tst_EventsApi::receiversGetDataAsWritten()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expectedData);
    createEndpoint({QStringLiteral("*")});
    const auto reply = m_client->send("POST", QStringLiteral("/api/events"), body, {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 202);
    QVERIFY(m_receiver->waitForRequests(1));
    const QByteArray payload = m_receiver->requests().first().body;
    QVERIFY2(payload.endsWith(QByteArray(QByteArray("\"data\":") + expectedData + '}')), payload.constData());
    QVERIFY(QJsonDocument::fromJson(payload).isObject());
}

void tst_EventsApi::idempotencyKeyReplaysAnswer()
{
    createEndpoint({QStringLiteral("*")});
    const auto first = publish(QStringLiteral("survey.response.created"), "order-77");
    const auto again = publish(QStringLiteral("survey.response.created"), "order-77");
    const auto other = publish(QStringLiteral("survey.response.created"), "order-78");
    QCOMPARE(first.status, 202);
    QCOMPARE(again.status, 202);
    QCOMPARE(again.json(), first.json());
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QVERIFY(other.json()[QStringLiteral("id")] != first.json()[QStringLiteral("id")]);
    QVERIFY(m_receiver->waitForRequests(2));
    QTest::qWait(300);
    QCOMPARE(m_receiver->count(), 2); // order-77 once, order-78 once

    // Remembered across a restart.
    QVERIFY(m_server->restart());
    m_client->setBase(m_server->url(QStringLiteral("/")));
    QCOMPARE(publish(QStringLiteral("survey.response.created"), "order-77").json(), first.json());
}

void tst_EventsApi::publishOnlyToken_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("publish") << QByteArray("POST") << QStringLiteral("/api/events") << 202;
    QTest::newRow("list endpoints") << QByteArray("GET") << QStringLiteral("/api/integrations/webhooks") << 403;
    QTest::newRow("create endpoint") << QByteArray("POST") << QStringLiteral("/api/integrations/webhooks") << 403;
    QTest::newRow("event types") << QByteArray("GET") << QStringLiteral("/api/integrations/event-types") << 403;
    QTest::newRow("health") << QByteArray("GET") << QStringLiteral("/api/health") << 200;
}

void tst_EventsApi::publishOnlyToken()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    ApiTestClient publisher(m_server->url(QStringLiteral("/")), "publisher-secret-token");
    // The GET routes take no body (one would be refused with 415), only POST /api/events one.
    const QByteArray body = method == "POST" ? QByteArray(R"({"type":"survey.response.created","data":{}})") : QByteArray();
    const auto reply = publisher.send(method, path, body, {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, status);
    if (status == 403)
        QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
}

QTEST_GUILESS_MAIN(tst_EventsApi)
#include "tst_eventsapi.moc"
