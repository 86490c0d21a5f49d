#pragma once

#include "HttpLimits.h"

#include <QSslConfiguration>
#include <QTcpServer>
#include <optional>

class ConnectionGuard;

// The listening socket QtHttpServer is bound to. Puts a ConnectionGuard on every connection
// before QtHttpServer sees it, answers 503 beyond the connection cap, and with a TLS
// configuration completes the handshake (within the request timeout) before handing the
// connection over.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    GuardedTcpServer(const HttpLimits &limits, std::optional<QSslConfiguration> tls, QObject *parent = nullptr);

    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr handle) override;

private:
    void refuse(qintptr handle);
    void startTls(QTcpSocket *socket, ConnectionGuard *guard);
    // Gives QtHttpServer the socket, and the guard a way to take it away and give it back.
    void handOver(QTcpSocket *socket, ConnectionGuard *guard);

    HttpLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    int m_open = 0;
};
