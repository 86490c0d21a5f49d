#pragma once

#include <QAbstractHttpServer>

class ApiGateway;

// The one place that knows QtHttpServer: turns its requests into ApiRequest and ApiResponse
// into bytes. Qt 6.8 changed this API; keep it contained here.
class HttpFront : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpFront(const ApiGateway &gateway, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    const ApiGateway &m_gateway;
};
