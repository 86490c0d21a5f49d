#include "RequestFraming.h"

#include <QTest>

// The framing ConnectionGuard runs ahead of QtHttpServer's parser: where requests end, and which
// limits and framing errors it answers itself. Every row is fed whole, byte by byte and in
// 7-byte pieces, which must not change the outcome.
class tst_RequestFraming : public QObject
{
    Q_OBJECT
private slots:
    void frames_data();
    void frames();
    void rejectsAsSoonAsHeadersTellTheBodyIsTooLarge();
    void fieldLongerThanQtAcceptsIs431();
    void closingRequestEndsTheFraming_data();
    void closingRequestEndsTheFraming();
    void expectContinueIsReportedOnceHeadersEnd();
};

namespace {

HttpLimits smallLimits()
{
    HttpLimits limits;
    limits.maxBodyBytes = 100;
    limits.maxHeaderBytes = 200;
    limits.maxUrlBytes = 50;
    return limits;
}

struct Outcome
{
    int completed = 0;
    int status = 0; // of the rejection; 0: none
    bool inRequest = false;
};

Outcome feedInPieces(const QByteArray &input, qsizetype piece)
{
    RequestFraming framing(smallLimits());
    Outcome outcome;
    for (qsizetype at = 0; at < input.size() && outcome.status == 0; at += piece) {
        const RequestFraming::Result result = framing.feed(QByteArrayView(input).sliced(at, std::min(piece, input.size() - at)));
        outcome.completed += result.completed;
        if (result.rejection)
            outcome.status = result.rejection->status;
    }
    outcome.inRequest = framing.inRequest();
    return outcome;
}

const QByteArray kGet = "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n";

QByteArray post(const QByteArray &headers, const QByteArray &body)
{
    return "POST /api/events HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n" + body;
}

} // namespace

void tst_RequestFraming::frames_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("completed");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("inRequest");

    QTest::newRow("get") << kGet << 1 << 0 << false;
    QTest::newRow("get, LF line ends") << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << 1 << 0 << false;
    QTest::newRow("three pipelined gets") << kGet + kGet + kGet << 3 << 0 << false;
    QTest::newRow("blank lines between requests") << kGet + "\r\n\r\n" + kGet << 2 << 0 << false;
    QTest::newRow("half a request") << kGet.left(20) << 0 << 0 << true;
    QTest::newRow("content-length body") << post("Content-Length: 5\r\n", "hello") << 1 << 0 << false;
    QTest::newRow("body still coming") << post("Content-Length: 50\r\n", "hello") << 0 << 0 << true;
    QTest::newRow("body then next request") << post("Content-Length: 5\r\n", "hello") + kGet << 2 << 0 << false;
    QTest::newRow("chunked") << post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\n\r\n") << 1 << 0 << false;
    QTest::newRow("chunked then next request") << post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n") + kGet << 2 << 0 << false;
    QTest::newRow("chunked unfinished") << post("Transfer-Encoding: chunked\r\n", "5\r\nhel") << 0 << 0 << true;
    QTest::newRow("body at the limit") << post("Content-Length: 100\r\n", QByteArray(100, 'x')) << 1 << 0 << false;
    QTest::newRow("413 content-length over limit") << post("Content-Length: 101\r\n", {}) << 0 << 413 << true;
    QTest::newRow("413 chunks over limit") << post("Transfer-Encoding: chunked\r\n", "40\r\n" + QByteArray(64, 'x') + "\r\n40\r\n") << 0 << 413 << true;
    QTest::newRow("414 long target") << "GET /" + QByteArray(60, 'a') + " HTTP/1.1\r\n\r\n" << 0 << 414 << true;
    QTest::newRow("414 before the line ends") << "GET /" + QByteArray(2000, 'a') << 0 << 414 << true;
    QTest::newRow("431 headers") << post("X-Pad: " + QByteArray(300, 'p') + "\r\n", {}) << 0 << 431 << true;
    QTest::newRow("431 headers never ending") << "GET / HTTP/1.1\r\n" + QByteArray(300, 'h') << 0 << 431 << true;
    QTest::newRow("400 not http") << QByteArray("\x16\x03\x01 hello\r\n") << 0 << 400 << true;
    QTest::newRow("400 unknown http version") << QByteArray("GET / HTTP/1.10\r\n\r\n") << 0 << 400 << true;
    QTest::newRow("http/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 1 << 0 << false;
    QTest::newRow("400 http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 0 << 400 << true;
    QTest::newRow("400 header without colon") << post("NoColonHere\r\n", {}) << 0 << 400 << true;
    QTest::newRow("400 space before colon") << post("Content-Length : 5\r\n", "hello") << 0 << 400 << true;
    QTest::newRow("400 folded header") << post("X-A: 1\r\n  folded\r\n", {}) << 0 << 400 << true;
    QTest::newRow("400 bad content-length") << post("Content-Length: 5x\r\n", "hello") << 0 << 400 << true;
    QTest::newRow("400 negative content-length") << post("Content-Length: -1\r\n", {}) << 0 << 400 << true;
    QTest::newRow("400 conflicting content-length") << post("Content-Length: 5\r\nContent-Length: 3\r\n", "hello") << 0 << 400 << true;
    QTest::newRow("same content-length twice") << post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello") << 1 << 0 << false;
    QTest::newRow("400 content-length and chunked") << post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n") << 0 << 400 << true;
    QTest::newRow("400 gzip transfer-encoding") << post("Transfer-Encoding: gzip, chunked\r\n", {}) << 0 << 400 << true;
    QTest::newRow("400 bad chunk size") << post("Transfer-Encoding: chunked\r\n", "zz\r\n") << 0 << 400 << true;
    QTest::newRow("400 chunk without CRLF after data") << post("Transfer-Encoding: chunked\r\n", "2\r\nabXY") << 0 << 400 << true;
    // Every header name QtHttpServer refuses (then dropping all headers, Content-Length too).
    QTest::newRow("400 parenthesis in a name") << post("X(: y\r\nContent-Length: 5\r\n", "hello") << 0 << 400 << true;
    QTest::newRow("400 slash in a name") << post("X/Y: y\r\n", {}) << 0 << 400 << true;
    QTest::newRow("400 NUL in a name") << post(QByteArray("X\0Y: y\r\n", 8), {}) << 0 << 400 << true;
    QTest::newRow("400 non-ASCII name") << post("X\xc3\xa9: y\r\n", {}) << 0 << 400 << true;
    QTest::newRow("400 empty name") << post(": y\r\n", {}) << 0 << 400 << true;
    QTest::newRow("tchar punctuation in a name") << post("X-!#$%&'*+.^_`|~: y\r\n", {}) << 1 << 0 << false;
    QTest::newRow("400 chunked trailers") << post("Transfer-Encoding: chunked\r\n", "0\r\nX-T: 1\r\n\r\n") << 0 << 400 << true;
}

void tst_RequestFraming::frames()
{
    QFETCH(QByteArray, input);
    QFETCH(int, completed);
    QFETCH(int, status);
    QFETCH(bool, inRequest);
    for (const qsizetype piece : {input.size(), qsizetype(1), qsizetype(7)}) {
        const Outcome outcome = feedInPieces(input, std::max<qsizetype>(piece, 1));
        QCOMPARE(outcome.status, status);
        QCOMPARE(outcome.completed, completed);
        if (status == 0)
            QCOMPARE(outcome.inRequest, inRequest);
    }
}

void tst_RequestFraming::rejectsAsSoonAsHeadersTellTheBodyIsTooLarge()
{
    RequestFraming framing(HttpLimits{});
    const auto result = framing.feed("POST /api/events HTTP/1.1\r\nContent-Length: 1073741824\r\n\r\n");
    QVERIFY(result.rejection);
    QCOMPARE(result.rejection->status, 413);
    QCOMPARE(result.rejection->code, QStringLiteral("payload_too_large"));
    QVERIFY(result.rejection->message.contains(QLatin1String("1048576")));
}

void tst_RequestFraming::fieldLongerThanQtAcceptsIs431()
{
    RequestFraming framing(HttpLimits{}); // 32 KiB of headers in all, but 8 KiB per field
    const QByteArray head = "GET / HTTP/1.1\r\nX-Long: ";
    const QByteArray fits = head + QByteArray(RequestFraming::kMaxFieldBytes - 8, 'v') + "\r\n\r\n";
    QCOMPARE(framing.feed(fits).completed, 1);
    const QByteArray tooLong = head + QByteArray(RequestFraming::kMaxFieldBytes - 7, 'v') + "\r\n\r\n";
    const auto result = framing.feed(tooLong);
    QVERIFY(result.rejection);
    QCOMPARE(result.rejection->status, 431);
}

void tst_RequestFraming::closingRequestEndsTheFraming_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("completed");
    QTest::addColumn<int>("closingRequest");
    const QByteArray get = kGet;
    const QByteArray close = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
    QTest::newRow("keep-alive") << get + get << 2 << 0;
    QTest::newRow("close first") << close + get << 1 << 1;
    QTest::newRow("close second, junk after") << get + close + "\x01\x02 not http" << 2 << 2;
    QTest::newRow("close in a list") << QByteArray("GET / HTTP/1.1\r\nConnection: TE, close\r\n\r\n") + get << 1 << 1;
    QTest::newRow("close is a token, not a substring") << QByteArray("GET / HTTP/1.1\r\nConnection: closed\r\n\r\n") + get << 2 << 0;
    QTest::newRow("HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") + get << 1 << 1;
    QTest::newRow("close after a body") << post("Connection: close\r\nContent-Length: 5\r\n", "hello") + get << 1 << 1;
}

void tst_RequestFraming::closingRequestEndsTheFraming()
{
    QFETCH(QByteArray, input);
    QFETCH(int, completed);
    QFETCH(int, closingRequest);
    RequestFraming framing(smallLimits());
    const auto result = framing.feed(input);
    QVERIFY(!result.rejection);
    QCOMPARE(result.completed, completed);
    QCOMPARE(result.closingRequest, closingRequest);
    QCOMPARE(framing.inRequest(), false);
}

void tst_RequestFraming::expectContinueIsReportedOnceHeadersEnd()
{
    RequestFraming framing(smallLimits());
    const auto headers = framing.feed(post("Expect: 100-continue\r\nContent-Length: 5\r\n", {}));
    QVERIFY(headers.continueExpected);
    const auto body = framing.feed("hello");
    QVERIFY(!body.continueExpected);
    QCOMPARE(body.completed, 1);
    // No body, nothing to continue with; a body over the limit gets its final answer instead.
    QVERIFY(!framing.feed(post("Expect: 100-continue\r\n", {})).continueExpected);
    const auto tooLarge = framing.feed(post("Expect: 100-continue\r\nContent-Length: 500\r\n", {}));
    QVERIFY(!tooLarge.continueExpected);
    QCOMPARE(tooLarge.rejection->status, 413);
}

QTEST_GUILESS_MAIN(tst_RequestFraming)
#include "tst_requestframing.moc"
