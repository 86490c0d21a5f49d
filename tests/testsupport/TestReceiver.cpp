#include "TestReceiver.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <sys/socket.h>

#include <algorithm>

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qint64 kStreamChunk = 64 * 1024;
constexpr qint64 kDripContentLength = 1000000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 301: return QByteArrayLiteral("Moved Permanently");
    case 302: return QByteArrayLiteral("Found");
    case 400: return QByteArrayLiteral("Bad Request");
    case 404: return QByteArrayLiteral("Not Found");
    case 410: return QByteArrayLiteral("Gone");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    default: return QByteArrayLiteral("Status");
    }
}

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// RFC 9110: no body and no Content-Length for 1xx, 204 and 304.
bool statusHasBody(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

// A TLS ClientHello (or other binary) would otherwise wait forever for a blank line: answer it
// at once, as a real plain-HTTP server does, so that clients fail fast.
bool startsLikeHttp(const QByteArray &input)
{
    for (char c : input) {
        if (c == ' ')
            return true;
        if (c < 'A' || c > 'Z')
            return false;
    }
    return true;
}

} // namespace

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return entry.second;
    }
    return {};
}

// One accepted socket: parses requests as they arrive and plays the script for each.
class TestReceiverConnection : public QObject
{
public:
    TestReceiverConnection(TestReceiver *receiver, QTcpSocket *socket);

private:
    enum class State { Reading, Streaming, Hung, Dripping, Closed };
    enum class Parse { Incomplete, Complete, Bad };

    void onReadyRead();
    void processBuffered();
    Parse parseOne(ReceivedRequest &request);
    bool parseHead(const QByteArray &head, ReceivedRequest &request, qint64 &contentLength) const;
    void play(const TestReceiver::Script &script, bool closeAfter);
    void respond(const TestReceiver::Script &script);
    void streamBody();
    void finishResponse();
    void drip(const TestReceiver::Script &script);
    void reset();
    void closeGracefully();
    void rejectBadRequest();

    TestReceiver *m_receiver;
    QTcpSocket *m_socket;
    QByteArray m_input;
    State m_state = State::Reading;
    qint64 m_streamRemaining = 0;
    bool m_closeAfterResponse = false;
    bool m_continueSent = false;
};

TestReceiverConnection::TestReceiverConnection(TestReceiver *receiver, QTcpSocket *socket)
    : QObject(receiver), m_receiver(receiver), m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &TestReceiverConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_state == State::Streaming)
            streamBody();
    });
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        // Deferred: this can fire from inside our own abort()/close() further up the stack.
        m_state = State::Closed;
        deleteLater();
    });
    if (socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &TestReceiverConnection::onReadyRead);
}

void TestReceiverConnection::onReadyRead()
{
    const QByteArray data = m_socket->readAll();
    if (m_state == State::Reading || m_state == State::Streaming)
        m_input.append(data);
    if (m_state == State::Reading)
        processBuffered();
}

void TestReceiverConnection::processBuffered()
{
    while (m_state == State::Reading) {
        ReceivedRequest request;
        const Parse parsed = parseOne(request);
        if (parsed == Parse::Incomplete)
            return;
        if (parsed == Parse::Bad) {
            rejectBadRequest();
            return;
        }
        const bool closeAfter = request.header(QByteArrayLiteral("connection")).toLower() == "close";
        m_continueSent = false;
        play(m_receiver->record(std::move(request)), closeAfter);
    }
}

TestReceiverConnection::Parse TestReceiverConnection::parseOne(ReceivedRequest &request)
{
    const qsizetype headEnd = m_input.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        const bool hopeless = m_input.size() > kMaxHeaderBytes || !startsLikeHttp(m_input);
        return hopeless ? Parse::Bad : Parse::Incomplete;
    }
    qint64 contentLength = 0;
    if (!parseHead(m_input.left(headEnd), request, contentLength))
        return Parse::Bad;
    const qint64 total = headEnd + 4 + contentLength;
    if (m_input.size() < total) {
        const bool wantsContinue =
            request.header(QByteArrayLiteral("expect")).toLower() == "100-continue";
        if (wantsContinue && !m_continueSent) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_continueSent = true;
        }
        return Parse::Incomplete;
    }
    request.body = m_input.mid(headEnd + 4, contentLength);
    m_input.remove(0, total);
    return Parse::Complete;
}

bool TestReceiverConnection::parseHead(const QByteArray &head, ReceivedRequest &request,
                                       qint64 &contentLength) const
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return false;
    request.method = requestLine.at(0);
    request.path = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    // Chunked request bodies are not supported: refusing beats misreading the stream.
    if (!request.header(QByteArrayLiteral("transfer-encoding")).isEmpty())
        return false;
    const QByteArray length = request.header(QByteArrayLiteral("content-length"));
    bool ok = true;
    contentLength = length.isEmpty() ? 0 : length.toLongLong(&ok);
    return ok && contentLength >= 0;
}

void TestReceiverConnection::play(const TestReceiver::Script &script, bool closeAfter)
{
    if (m_state == State::Closed)
        return; // the client went away while requestReceived was being handled
    m_closeAfterResponse = closeAfter;
    switch (script.behaviour) {
    case TestReceiver::Behaviour::Respond:
        respond(script);
        break;
    case TestReceiver::Behaviour::Hang:
        m_state = State::Hung;
        break;
    case TestReceiver::Behaviour::Drip:
        drip(script);
        break;
    case TestReceiver::Behaviour::Reset:
        reset();
        break;
    case TestReceiver::Behaviour::Close:
        closeGracefully();
        break;
    }
}

void TestReceiverConnection::respond(const TestReceiver::Script &script)
{
    const bool withBody = statusHasBody(script.status);
    const qint64 length = script.bodyBytes >= 0 ? script.bodyBytes : script.body.size();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(script.status) + ' ' + reasonPhrase(script.status) + "\r\n";
    for (const auto &[name, value] : script.headers)
        head += name + ": " + value + "\r\n";
    if (withBody && !hasHeader(script.headers, QByteArrayLiteral("content-length")))
        head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    if (m_closeAfterResponse)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
    if (withBody && script.bodyBytes < 0)
        m_socket->write(script.body);
    m_streamRemaining = withBody && script.bodyBytes > 0 ? script.bodyBytes : 0;
    m_state = State::Streaming;
    streamBody();
}

void TestReceiverConnection::streamBody()
{
    // Refill only when the socket has drained: a 5 MiB body never sits in memory at once.
    static const QByteArray chunk(kStreamChunk, 'x');
    while (m_streamRemaining > 0 && m_socket->bytesToWrite() < 4 * kStreamChunk) {
        const qint64 size = std::min(m_streamRemaining, kStreamChunk);
        m_socket->write(chunk.constData(), size);
        m_streamRemaining -= size;
    }
    if (m_streamRemaining == 0)
        finishResponse();
}

void TestReceiverConnection::finishResponse()
{
    if (m_closeAfterResponse) {
        closeGracefully();
        return;
    }
    m_state = State::Reading;
    // Pipelined requests that arrived meanwhile; later, so that no caller sees us re-entered.
    QTimer::singleShot(0, this, [this] {
        if (m_state == State::Reading)
            processBuffered();
    });
}

void TestReceiverConnection::drip(const TestReceiver::Script &script)
{
    m_state = State::Dripping;
    // The default 204 cannot carry a body, and a dripped body is the point here.
    const int status = statusHasBody(script.status) ? script.status : 200;
    const QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                            + "\r\nContent-Length: " + QByteArray::number(kDripContentLength) + "\r\n\r\n";
    m_socket->write(head);
    m_socket->write("x", 1);
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] { m_socket->write("x", 1); });
    timer->start(1000);
}

void TestReceiverConnection::reset()
{
    // Linger 0 turns close() into a RST instead of an orderly FIN.
    const struct linger immediate = {1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &immediate, sizeof immediate);
    m_state = State::Closed;
    m_socket->abort();
}

void TestReceiverConnection::closeGracefully()
{
    m_state = State::Closed;
    m_socket->disconnectFromHost();
}

void TestReceiverConnection::rejectBadRequest()
{
    m_socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    closeGracefully();
}

TestReceiver::TestReceiver(QObject *parent) : QObject(parent)
{
    // Tests fire hundreds of connects at once; the default backlog would drop SYNs and cost seconds.
    m_server.setListenBacklogSize(1024);
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("TestReceiver: cannot listen on 127.0.0.1: %s", qPrintable(m_server.errorString()));
    connect(&m_server, &QTcpServer::newConnection, this, &TestReceiver::acceptConnections);
}

TestReceiver::~TestReceiver() = default;

quint16 TestReceiver::port() const
{
    return m_server.serverPort();
}

QUrl TestReceiver::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

void TestReceiver::setDefault(const Script &script)
{
    m_default = script;
}

void TestReceiver::enqueue(const Script &script)
{
    m_queue.append(script);
}

void TestReceiver::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

QList<ReceivedRequest> TestReceiver::requests() const
{
    return m_requests;
}

int TestReceiver::count() const
{
    return int(m_requests.size());
}

bool TestReceiver::waitForRequests(int n, int timeoutMs)
{
    return QTest::qWaitFor([this, n] { return count() >= n; }, timeoutMs);
}

int TestReceiver::connectionCount() const
{
    return m_connections;
}

void TestReceiver::clearRequests()
{
    m_requests.clear();
}

TestReceiver::Script TestReceiver::respond(int status, const QByteArray &body,
                                           const QList<QPair<QByteArray, QByteArray>> &headers)
{
    Script script;
    script.status = status;
    script.body = body;
    script.headers = headers;
    return script;
}

TestReceiver::Script TestReceiver::behave(Behaviour behaviour)
{
    Script script;
    script.behaviour = behaviour;
    return script;
}

void TestReceiver::acceptConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connections;
        new TestReceiverConnection(this, socket);
    }
}

TestReceiver::Script TestReceiver::record(ReceivedRequest request)
{
    request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_requests.append(request);
    emit requestReceived(request);
    if (m_handler)
        return m_handler(request);
    if (!m_queue.isEmpty())
        return m_queue.takeFirst();
    return m_default;
}
