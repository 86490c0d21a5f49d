#include "ApiTestClient.h"
#include "TestServer.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

// A battery of malformed and hostile requests, sent as raw bytes so that duplicated or missing
// headers reach the server as written. Every one gets a 4xx answer with the JSON error shape,
// and the server keeps serving normal requests after each.
class tst_ApiAbuse : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void malformedRequestGets4xxJson_data();
    void malformedRequestGets4xxJson();

private:
    struct RawReply
    {
        int status = 0;
        QByteArray headers;
        QByteArray body;
    };
    RawReply sendRaw(const QByteArray &bytes);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    QString m_endpointId;
};

namespace {
enum Flag { None = 0, NoAuth = 1, NoContentLength = 2 };

QByteArray deep(const char *open, const char *close, int depth, const QByteArray &inner)
{
    QByteArray result;
    for (int i = 0; i < depth; ++i)
        result += open;
    result += inner;
    for (int i = 0; i < depth; ++i)
        result += close;
    return result;
}

void addRow(const char *name, const QByteArray &method, const QByteArray &target, const QByteArray &body,
            int status, const QString &code, const QByteArray &headers = {}, int flags = None)
{
    QTest::newRow(name) << method << target << headers << body << flags << status << code;
}
} // namespace

void tst_ApiAbuse::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
    const auto created = m_client->post(QStringLiteral("/api/integrations/webhooks"),
                                        QJsonObject{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hook")},
                                                    {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                                                    {QStringLiteral("enabled"), false}});
    QCOMPARE(created.status, 201);
    m_endpointId = created.json()[QStringLiteral("id")].toString();
    const auto test = m_client->send("POST", QStringLiteral("/api/integrations/webhooks/") + m_endpointId + QStringLiteral("/test"),
                                     R"({"event":"survey.response.created"})", {{"Content-Type", "application/json"}});
    QCOMPARE(test.status, 409); // disabled: nothing is sent anywhere during this test
}

void tst_ApiAbuse::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

tst_ApiAbuse::RawReply tst_ApiAbuse::sendRaw(const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->server().port());
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 3000))
        return {};
    socket.write(bytes);
    QByteArray input;
    RawReply reply;
    // The in-process server needs the event loop, so wait by spinning it, not by blocking.
    const bool complete = QTest::qWaitFor([&] {
        input += socket.readAll();
        const qsizetype headEnd = input.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return socket.state() != QAbstractSocket::ConnectedState;
        reply.headers = input.left(headEnd);
        qsizetype length = 0;
        for (const QByteArray &line : reply.headers.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        return input.size() >= headEnd + 4 + length;
    }, 10000);
    const qsizetype headEnd = input.indexOf("\r\n\r\n");
    if (!complete || headEnd < 0)
        return {};
    reply.status = input.mid(9, 3).toInt();
    reply.body = input.mid(headEnd + 4);
    socket.abort();
    return reply;
}

void tst_ApiAbuse::malformedRequestGets4xxJson_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");  // %EID%: a real (disabled) endpoint
    QTest::addColumn<QByteArray>("headers"); // extra raw header lines
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("flags");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray hooks = "/api/integrations/webhooks";
    const QByteArray one = hooks + "/%EID%";
    const QByteArray list = one + "/deliveries";
    const QByteArray events = "/api/events";
    const QString bad = QStringLiteral("bad_request");
    const QString invalid = QStringLiteral("invalid_value");
    const QString notFound = QStringLiteral("not_found");
    const QString unknownParameter = QStringLiteral("unknown_parameter");

    // Bad JSON
    addRow("json: unterminated object", "POST", hooks, "{", 400, bad);
    addRow("json: missing value", "POST", hooks, R"({"url":})", 400, bad);
    addRow("json: trailing garbage", "POST", hooks, R"({"url":"https://x.example.com/","events":["*"]}x)", 400, bad);
    addRow("json: trailing comma", "POST", hooks, R"({"url":"https://x.example.com/","events":["*"],})", 400, bad);
    addRow("json: single quotes", "POST", hooks, R"({'url':'https://x.example.com/'})", 400, bad);
    addRow("json: array body", "POST", hooks, "[]", 400, bad);
    addRow("json: string body", "POST", events, R"("survey.response.created")", 400, bad);
    addRow("json: null body", "PATCH", one, "null", 400, bad);
    addRow("json: empty body", "POST", events, "", 400, bad);
    addRow("json: whitespace body", "POST", one + "/test", " \r\n\t ", 400, bad);
    addRow("json: NUL bytes", "POST", events, QByteArray("{\"type\":\0\"x\"}", 14), 400, bad);
    // Wrong types
    addRow("type: url number", "POST", hooks, R"({"url":1,"events":["*"]})", 400, bad);
    addRow("type: url object", "POST", hooks, R"({"url":{},"events":["*"]})", 400, bad);
    addRow("type: events string", "POST", hooks, R"({"url":"https://x.example.com/","events":"*"})", 400, bad);
    addRow("type: events numbers", "POST", hooks, R"({"url":"https://x.example.com/","events":[1,2]})", 400, bad);
    addRow("type: enabled string", "PATCH", one, R"({"enabled":"false"})", 400, bad);
    addRow("type: enabled number", "PATCH", one, R"({"enabled":0})", 400, bad);
    addRow("type: url null", "PATCH", one, R"({"url":null})", 400, bad);
    addRow("type: event type number", "POST", events, R"({"type":5,"data":{}})", 400, bad);
    addRow("type: data string", "POST", events, R"({"type":"survey.response.created","data":"x"})", 400, bad);
    addRow("type: data array", "POST", events, R"({"type":"survey.response.created","data":[]})", 400, bad);
    addRow("type: test event bool", "POST", one + "/test", R"({"event":true})", 400, bad);
    // Huge numbers
    addRow("number: 1e400 url", "POST", hooks, R"({"url":1e400,"events":["*"]})", 400, bad);
    addRow("number: 1e400 in data", "POST", events, R"({"type":"survey.response.created","data":{"n":1e400}})", 400, bad);
    addRow("number: 400 digits enabled", "PATCH", one, "{\"enabled\":" + QByteArray(400, '9') + "}", 400, bad);
    addRow("number: page beyond int", "GET", list + "?page=99999999999999999999", {}, 422, invalid);
    addRow("number: per_page huge", "GET", list + "?per_page=1e9", {}, 422, invalid);
    addRow("number: page negative", "GET", list + "?page=-1", {}, 422, invalid);
    addRow("number: page zero", "GET", list + "?page=0", {}, 422, invalid);
    addRow("number: per_page 101", "GET", list + "?per_page=101", {}, 422, invalid);
    // Deep nesting
    addRow("nesting: 5000 arrays", "POST", hooks, deep("[", "]", 5000, {}), 400, bad);
    addRow("nesting: 5000 objects in data", "POST", events,
           R"({"type":"survey.response.created","data":)" + deep(R"({"a":)", "}", 5000, "1") + "}", 400, bad);
    addRow("nesting: 5000 arrays in url", "POST", hooks, R"({"url":)" + deep("[", "]", 5000, {}) + "}", 400, bad);
    // Invalid UTF-8
    addRow("utf-8: in url field", "POST", hooks, "{\"url\":\"https://x.example.com/\xff\xfe\",\"events\":[\"*\"]}", 400, bad);
    addRow("utf-8: in event type", "POST", events, "{\"type\":\"survey\xc3\x28\",\"data\":{}}", 400, bad);
    addRow("utf-8: overlong slash", "POST", hooks, "{\"url\":\"https://x.example.com/\xc0\xaf\",\"events\":[\"*\"]}", 400, bad);
    addRow("utf-8: in endpoint id", "GET", hooks + "/whe_%FF%FE", {}, 404, notFound);
    addRow("utf-8: in query value", "GET", list + "?status=%FF%C3%28", {}, 422, invalid);
    addRow("utf-8: in query name", "GET", list + "?%FF=1", {}, 422, unknownParameter);
    // SQL-looking strings
    addRow("sql: endpoint id", "GET", hooks + "/x'%20OR%20'1'='1", {}, 404, notFound);
    addRow("sql: delete endpoint id", "DELETE", hooks + "/x'%20OR%201=1--", {}, 404, notFound);
    addRow("sql: delivery id", "GET", list + "/del_x'%20OR%20'1'='1", {}, 404, notFound);
    addRow("sql: status", "GET", list + "?status=delivered'%20OR%20'1'='1", {}, 422, invalid);
    addRow("sql: from", "GET", list + "?from=2026-01-01T00:00:00Z'%20OR%201=1--", {}, 422, invalid);
    addRow("sql: per_page", "GET", list + "?per_page=1;DROP%20TABLE%20deliveries", {}, 422, invalid);
    addRow("sql: parameter name", "GET", list + "?1=1%20OR%201", {}, 422, unknownParameter);
    addRow("sql: events list", "POST", hooks, R"({"url":"https://x.example.com/","events":["x'); DROP TABLE endpoints;--"]})", 422, invalid);
    addRow("sql: event type", "POST", events, R"({"type":"' OR 1=1; DROP TABLE events;--","data":{}})", 422, invalid);
    addRow("sql: field name", "PATCH", one, R"({"enabled\"; DROP TABLE endpoints;--":true})", 422, QStringLiteral("unknown_field"));
    // Unknown ids
    addRow("unknown: get endpoint", "GET", hooks + "/whe_doesNotExist0000000000", {}, 404, notFound);
    addRow("unknown: patch endpoint", "PATCH", hooks + "/whe_doesNotExist0000000000", R"({"enabled":true})", 404, notFound);
    addRow("unknown: delete endpoint", "DELETE", hooks + "/whe_doesNotExist0000000000", {}, 404, notFound);
    addRow("unknown: rotate", "POST", hooks + "/whe_doesNotExist0000000000/rotate-secret", {}, 404, notFound);
    addRow("unknown: deliveries of", "GET", hooks + "/whe_doesNotExist0000000000/deliveries", {}, 404, notFound);
    addRow("unknown: delivery", "GET", list + "/del_doesNotExist0000000000", {}, 404, notFound);
    addRow("unknown: retry", "POST", list + "/del_doesNotExist0000000000/retry", {}, 404, notFound);
    addRow("unknown: test of", "POST", hooks + "/whe_doesNotExist0000000000/test", R"({"event":"survey.response.created"})", 404, notFound);
    addRow("unknown: route", "GET", "/api/integrations/webhooks/%EID%/nothing", {}, 404, notFound);
    addRow("unknown: event type", "POST", events, R"({"type":"no.such.event","data":{}})", 422, invalid);
    // Long URLs
    addRow("long: path", "GET", "/api/" + QByteArray(8000, 'a'), {}, 0, {});
    addRow("long: endpoint id", "GET", hooks + "/whe_" + QByteArray(16000, 'x'), {}, 0, {});
    addRow("long: query parameter", "GET", list + "?" + QByteArray(16000, 'q') + "=1", {}, 0, {});
    addRow("long: url field", "POST", hooks, R"({"url":"https://x.example.com/)" + QByteArray(3000, 'p') + R"(","events":["*"]})", 422, invalid);
    // Missing headers
    addRow("missing: Authorization", "GET", hooks, {}, 401, QStringLiteral("unauthorized"), {}, NoAuth);
    addRow("missing: Authorization on publish", "POST", events, R"({"type":"survey.response.created","data":{}})", 401,
           QStringLiteral("unauthorized"), {}, NoAuth);
    addRow("missing: Content-Length", "POST", hooks, {}, 400, bad, {}, NoContentLength);
    // Duplicated headers
    addRow("duplicate: Authorization good then bad", "GET", hooks, {}, 400, bad, "Authorization: Bearer wrong\r\n");
    addRow("duplicate: Content-Length differing", "POST", events, R"({"type":"survey.response.created","data":{}})", 0, {},
           "Content-Length: 3\r\n");
    addRow("duplicate: Idempotency-Key", "POST", events, R"({"type":"survey.response.created","data":{}})", 400, bad,
           "Idempotency-Key: a\r\nIdempotency-Key: b\r\n");
}

void tst_ApiAbuse::malformedRequestGets4xxJson()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, flags);
    QFETCH(int, status);
    QFETCH(QString, code);

    target.replace("%EID%", m_endpointId.toLatin1());
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    if (!(flags & NoAuth))
        request += "Authorization: Bearer " + m_server->token() + "\r\n";
    request += headers;
    if (!(flags & NoContentLength))
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "Connection: close\r\n\r\n" + body;

    const RawReply reply = sendRaw(request);
    QVERIFY2(reply.status >= 400 && reply.status < 500, qPrintable(QStringLiteral("HTTP %1: %2").arg(reply.status).arg(QString::fromUtf8(reply.body.left(200)))));
    if (status != 0)
        QCOMPARE(reply.status, status);
    const QJsonObject error = QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error")).toObject();
    QVERIFY2(!error.value(QStringLiteral("message")).toString().isEmpty(), reply.body.left(200).constData());
    if (!code.isEmpty())
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    else
        QVERIFY(!error.value(QStringLiteral("code")).toString().isEmpty());

    // Alive, and still doing its job.
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
    const auto endpoint = m_client->get(QStringLiteral("/api/integrations/webhooks/") + m_endpointId);
    QCOMPARE(endpoint.status, 200);
    QCOMPARE(endpoint.json()[QStringLiteral("url")].toString(), QStringLiteral("http://127.0.0.1:9/hook"));
}

QTEST_GUILESS_MAIN(tst_ApiAbuse)
#include "tst_apiabuse.moc"
