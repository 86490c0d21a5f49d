#include "FakeApiServer.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace {
QString key(const QByteArray &method, const QString &path)
{
    return QString::fromLatin1(method) + QLatin1Char(' ') + path;
}

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 404:
        return "Not Found";
    case 422:
        return "Unprocessable Entity";
    default:
        return "Status";
    }
}

// Closes with a TCP reset instead of an orderly FIN, like a crashing server or proxy.
void reset(QTcpSocket *socket)
{
    const linger hard{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
    socket->abort();
}
} // namespace

FakeApiServer::FakeApiServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeApiServer::accept);
    answerJson("GET", QStringLiteral("/api/health"), R"({"status":"ok","version":"fake"})");
    answerJson("GET", QStringLiteral("/api/integrations/event-types"), R"({"data":[]})");
    answerJson("GET", QStringLiteral("/api/integrations/webhooks"), R"({"data":[]})");
}

bool FakeApiServer::start()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeApiServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void FakeApiServer::answer(const QByteArray &method, const QString &path, const Answer &answer)
{
    m_answers.insert(key(method, path), [answer](const Request &) { return answer; });
}

void FakeApiServer::answerWith(const QByteArray &method, const QString &path, std::function<Answer(const Request &)> responder)
{
    m_answers.insert(key(method, path), std::move(responder));
}

FakeApiServer::Answer FakeApiServer::jsonAnswer(const QByteArray &body, int status)
{
    return {status, body, {{"Content-Type", "application/json"}}, false, 0};
}

void FakeApiServer::answerJson(const QByteArray &method, const QString &path, const QByteArray &json, int status)
{
    answer(method, path, FakeApiServer::jsonAnswer(json, status));
}

qsizetype FakeApiServer::count(const QByteArray &method, const QString &path) const
{
    return std::count_if(m_requests.cbegin(), m_requests.cend(),
                         [&](const Request &r) { return r.method == method && r.path == path; });
}

FakeApiServer::~FakeApiServer()
{
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

void FakeApiServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeApiServer::readFrom(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    qsizetype length = 0;
    for (const QByteArray &line : lines)
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    const QByteArray target = requestLine.value(1);
    const qsizetype queryStart = target.indexOf('?');
    Request request{requestLine.value(0), QString::fromLatin1(queryStart < 0 ? target : target.left(queryStart)),
                    queryStart < 0 ? QByteArray() : target.mid(queryStart + 1), buffer.mid(headEnd + 4, length)};
    buffer.remove(0, headEnd + 4 + length);
    m_requests.append(request);
    respond(socket, request);
}

FakeApiServer::Answer FakeApiServer::answerFor(const Request &request) const
{
    if (const auto it = m_answers.constFind(key(request.method, request.path)); it != m_answers.cend())
        return (*it)(request);
    return {404, R"({"error":{"code":"not_found","message":"no such route"}})", {{"Content-Type", "application/json"}}, false, 0};
}

void FakeApiServer::respond(QTcpSocket *socket, const Request &request)
{
    const Answer answer = answerFor(request);
    if (answer.silent)
        return;
    const qint64 length = answer.generatedBodyBytes > 0 ? answer.generatedBodyBytes : answer.body.size();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reason(answer.status) + "\r\n";
    for (const auto &[name, value] : answer.headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(length) + "\r\nConnection: close\r\n\r\n";
    socket->write(head);
    if (answer.resetAfterStatus) {
        socket->write(answer.body.left(1));
        socket->flush();
        reset(socket);
        return;
    }
    if (answer.generatedBodyBytes > 0) {
        sendGenerated(socket, answer.generatedBodyBytes);
        return;
    }
    socket->write(answer.body);
    socket->disconnectFromHost();
}

void FakeApiServer::sendGenerated(QTcpSocket *socket, qint64 bytes)
{
    // Written a piece at a time as the client takes it, so the fake never holds the whole body.
    auto left = std::make_shared<qint64>(bytes);
    auto more = [socket, left] {
        if (socket->bytesToWrite() > (1 << 20))
            return;
        const qint64 piece = qMin<qint64>(*left, 1 << 20);
        *left -= piece;
        socket->write(QByteArray(piece, ' '));
        if (*left == 0)
            socket->disconnectFromHost();
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [more, left] {
        if (*left > 0)
            more();
    });
    more();
}
