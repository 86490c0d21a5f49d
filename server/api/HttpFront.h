#pragma once

#include "HttpLimits.h"

#include <QAbstractHttpServer>
#include <QSslConfiguration>
#include <optional>

class ApiGateway;

// The one place that knows QtHttpServer: turns its requests into ApiRequest and ApiResponse
// into bytes (HttpWire), including answers that come after the handler returned. Qt 6.8
// changed this API; keep it contained here.
class HttpFront : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpFront(const ApiGateway &gateway, QObject *parent = nullptr);
    // Hands what was written to every connection to the kernel before closing them: a stop that
    // just committed a batch gets its answers out.
    ~HttpFront() override;

    // Listens through a GuardedTcpServer, which enforces limits (QtHttpServer 6.4 has none);
    // with tls, serves HTTPS only. Returns the port, 0 on failure with *error set.
    quint16 listenGuarded(const QHostAddress &address, quint16 port, const HttpLimits &limits,
                          const std::optional<QSslConfiguration> &tls, QString *error);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    const ApiGateway &m_gateway;
};
