#include "PosixTcpClient.h"

#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

PosixTcpClient::PosixTcpClient(quint16 port)
    : m_fd(::socket(AF_INET, SOCK_STREAM, 0))
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0; // the backlog accepts
    ::fcntl(m_fd, F_SETFL, O_NONBLOCK);
}

PosixTcpClient::~PosixTcpClient()
{
    ::close(m_fd);
}

qint64 PosixTcpClient::sendSome(const QByteArray &bytes)
{
    const ssize_t sent = ::send(m_fd, bytes.constData(), static_cast<size_t>(bytes.size()), MSG_NOSIGNAL);
    if (sent >= 0)
        return sent;
    return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
}

bool PosixTcpClient::sendAll(const QByteArray &bytes)
{
    for (qsizetype at = 0; at < bytes.size();) {
        const qint64 sent = sendSome(bytes.sliced(at));
        if (sent < 0)
            return false;
        at += sent;
        if (sent == 0)
            QTest::qWait(1); // the server reads in this thread's event loop
    }
    return true;
}

bool PosixTcpClient::read()
{
    char buffer[65536];
    for (;;) {
        const ssize_t length = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (length <= 0)
            return length < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        m_received.append(buffer, length);
    }
}

bool PosixTcpClient::closedByServer() const
{
    pollfd watch{m_fd, POLLRDHUP, 0};
    return ::poll(&watch, 1, 0) == 1 && (watch.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}
