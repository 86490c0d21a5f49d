#include "HttpWire.h"

#include <QTest>

using Headers = QList<QPair<QByteArray, QByteArray>>;

// HttpWire writes every answer the server gives (handlers, group-committed publishes, the
// connection guard's refusals) as raw HTTP/1.1 bytes; clients see exactly these bytes.
class tst_HttpWire : public QObject
{
    Q_OBJECT
private slots:
    void exactBytes_data();
    void exactBytes();
    void reasonPhrases_data();
    void reasonPhrases();
    void unknownStatusStillGetsAReasonPhrase_data();
    void unknownStatusStillGetsAReasonPhrase();
    void headAnswerHasHeadersButNoBody();
};

void tst_HttpWire::exactBytes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray json = QByteArrayLiteral("application/json");

    const QByteArray published = R"({"id":"evt_0001AbCdEfGhIjKlMnOpQr","deliveries":2})";
    QTest::newRow("202 JSON") << 202 << json << Headers{} << published
                              << QByteArray("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: "
                                            + QByteArray::number(published.size()) + "\r\n\r\n" + published);
    // RFC 9110 8.6: a server MUST NOT send Content-Length in a 204 (and it has no content to type).
    QTest::newRow("204 without content type") << 204 << QByteArray() << Headers{} << QByteArray()
                                              << QByteArray("HTTP/1.1 204 No Content\r\n\r\n");
    const QByteArray error = R"({"error":{"code":"method_not_allowed","message":"m"}})";
    QTest::newRow("extra headers keep their order")
        << 405 << json << Headers{{"Allow", "GET, POST"}, {"Idempotent-Replayed", "true"}, {"Allow-Z", "last"}} << error
        << QByteArray("HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nAllow: GET, POST\r\n"
                      "Idempotent-Replayed: true\r\nAllow-Z: last\r\nContent-Length: "
                      + QByteArray::number(error.size()) + "\r\n\r\n" + error);
    QTest::newRow("empty body") << 202 << json << Headers{} << QByteArray()
                                << QByteArray("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("other content type") << 200 << QByteArray("text/plain; version=0.0.4; charset=utf-8") << Headers{}
                                        << QByteArray("x 1\n")
                                        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; "
                                                      "charset=utf-8\r\nContent-Length: 4\r\n\r\nx 1\n");
    const QByteArray binary("a\0b\r\n\r\nc", 8); // the length counts bytes, not up to a NUL
    QTest::newRow("body with NUL and CRLF") << 200 << json << Headers{} << binary
                                            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                          "Content-Length: 8\r\n\r\n" + binary);
}

void tst_HttpWire::exactBytes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    ApiResponse response = status == 204 ? ApiResponse::noContent() : ApiResponse::rawJson(status, body);
    response.contentType = contentType;
    response.headers = headers;
    QCOMPARE(HttpWire::response(response), expected);
}

void tst_HttpWire::reasonPhrases_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("phrase");
    // Every status the API answers (docs/api.md), with its RFC 9110 reason phrase.
    const QList<QPair<int, QByteArray>> phrases{
        {200, "OK"},
        {201, "Created"},
        {202, "Accepted"},
        {204, "No Content"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {413, "Content Too Large"},
        {415, "Unsupported Media Type"},
        {414, "URI Too Long"},
        {421, "Misdirected Request"},
        {422, "Unprocessable Content"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {500, "Internal Server Error"},
        {503, "Service Unavailable"},
    };
    for (const auto &[status, phrase] : phrases)
        QTest::addRow("%d", status) << status << phrase;
}

void tst_HttpWire::reasonPhrases()
{
    QFETCH(int, status);
    QFETCH(QByteArray, phrase);
    QCOMPARE(HttpWire::reasonPhrase(status), phrase);
    ApiResponse response = ApiResponse::rawJson(status, QByteArrayLiteral("{}"));
    const QByteArray statusLine = "HTTP/1.1 " + QByteArray::number(status) + ' ' + phrase + "\r\n";
    QVERIFY2(HttpWire::response(response).startsWith(statusLine), HttpWire::response(response).constData());
}

void tst_HttpWire::unknownStatusStillGetsAReasonPhrase_data()
{
    QTest::addColumn<int>("status");
    for (int status : {102, 299, 418, 451, 599})
        QTest::addRow("%d", status) << status;
}

void tst_HttpWire::unknownStatusStillGetsAReasonPhrase()
{
    QFETCH(int, status);
    // Logs and clients show the phrase next to the code; an empty one reads as a cut-off line.
    const QByteArray phrase = HttpWire::reasonPhrase(status);
    QVERIFY(!phrase.trimmed().isEmpty());
    QVERIFY(!phrase.contains('\r') && !phrase.contains('\n'));
    const QByteArray wire = HttpWire::response(ApiResponse::rawJson(status, QByteArrayLiteral("{}")));
    const QByteArray statusLine = "HTTP/1.1 " + QByteArray::number(status) + ' ' + phrase + "\r\n";
    QVERIFY2(wire.startsWith(statusLine), wire.constData());
}

// A HEAD answer announces the length of the body a GET would get; sending the body anyway
// would be read by a keep-alive client as the start of its next answer.
void tst_HttpWire::headAnswerHasHeadersButNoBody()
{
    const ApiResponse response = ApiResponse::rawJson(401, R"({"error":{"code":"unauthorized","message":"m"}})");
    const QByteArray full = HttpWire::response(response);
    const QByteArray head = HttpWire::response(response, HttpWire::Body::Omitted);
    QVERIFY(head.endsWith("\r\n\r\n"));
    QCOMPARE(full, head + response.body);
    QVERIFY(head.contains(QByteArray("Content-Length: " + QByteArray::number(response.body.size()) + "\r\n")));
}

QTEST_GUILESS_MAIN(tst_HttpWire)
#include "tst_httpwire.moc"
