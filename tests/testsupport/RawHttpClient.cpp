#include "RawHttpClient.h"

#include <QList>
#include <QTest>

QByteArray RawHttpClient::Response::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

RawHttpClient::RawHttpClient(quint16 port, const QHostAddress &from)
{
    if (!from.isNull())
        m_socket.bind(from);
    QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket, [this] { m_received += m_socket.readAll(); });
    m_socket.connectToHost(QHostAddress::LocalHost, port);
}

bool RawHttpClient::waitForConnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return isConnected(); }, timeoutMs);
}

void RawHttpClient::send(const QByteArray &bytes)
{
    if (!isConnected())
        waitForConnected();
    m_socket.write(bytes);
    m_socket.flush();
}

std::optional<RawHttpClient::Response> RawHttpClient::takeResponse()
{
    const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    Response response;
    response.head = m_received.left(headEnd);
    const qsizetype length = response.header("Content-Length").toLongLong();
    if (m_received.size() < headEnd + 4 + length)
        return std::nullopt;
    response.status = response.head.mid(9, 3).toInt();
    response.body = m_received.mid(headEnd + 4, length);
    m_received.remove(0, headEnd + 4 + length);
    return response;
}

std::optional<RawHttpClient::Response> RawHttpClient::waitForResponse(int timeoutMs)
{
    std::optional<Response> response;
    (void)QTest::qWaitFor([&] {
        response = takeResponse();
        return response.has_value() || m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
    if (!response)
        response = takeResponse();
    return response;
}

bool RawHttpClient::waitForClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}
