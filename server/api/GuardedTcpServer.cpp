#include "GuardedTcpServer.h"

#include "ConnectionGuard.h"

#include <QSslSocket>

#include <unistd.h>

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, std::optional<QSslConfiguration> tls, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_tls(std::move(tls))
{
}

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    if (m_open >= m_limits.maxConnections) {
        refuse(handle);
        return;
    }
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        ::close(static_cast<int>(handle));
        delete socket;
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    auto *guard = new ConnectionGuard(socket, m_limits);
    if (m_tls) {
        startTls(socket, guard);
        return;
    }
    handOver(socket, guard);
}

void GuardedTcpServer::handOver(QTcpSocket *socket, ConnectionGuard *guard)
{
    guard->followParser([this, socket](bool attach) {
        if (attach)
            addPendingConnection(socket); // QtHttpServer connects its reader to the socket right here
        else // its reader is connected in the context of the QAbstractHttpServer, our parent
            QObject::disconnect(socket, &QIODevice::readyRead, parent(), nullptr);
    });
}

void GuardedTcpServer::startTls(QTcpSocket *socket, ConnectionGuard *guard)
{
    auto *tlsSocket = static_cast<QSslSocket *>(socket);
    tlsSocket->setSslConfiguration(*m_tls);
    connect(tlsSocket, &QSslSocket::encrypted, this, [this, tlsSocket, guard] { handOver(tlsSocket, guard); });
    // A client that does not speak TLS (plain HTTP on the HTTPS port) ends here, quietly.
    connect(tlsSocket, &QAbstractSocket::errorOccurred, tlsSocket, [tlsSocket] {
        if (!tlsSocket->isEncrypted())
            tlsSocket->abort();
    });
    tlsSocket->startServerEncryption();
}

void GuardedTcpServer::refuse(qintptr handle)
{
    if (m_tls) {
        ::close(static_cast<int>(handle)); // a TLS client could not read a plain answer anyway
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        ::close(static_cast<int>(handle));
        delete socket;
        return;
    }
    auto *guard = new ConnectionGuard(socket, m_limits);
    guard->refuse({503, QStringLiteral("too_many_connections"),
                   QStringLiteral("the server has %1 open connections, its limit; try again shortly").arg(m_open)});
}
