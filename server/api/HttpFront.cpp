#include "HttpFront.h"

#include "ApiGateway.h"
#include "GuardedTcpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(method));
    return key ? QByteArray(key).toUpper() : QByteArrayLiteral("UNKNOWN");
}

ApiRequest toApiRequest(const QHttpServerRequest &request)
{
    ApiRequest apiRequest;
    apiRequest.method = methodName(request.method());
    apiRequest.path = request.url().path();
    apiRequest.query = request.query();
    apiRequest.headers = request.headers();
    apiRequest.body = request.body();
    apiRequest.remoteAddress = request.remoteAddress();
    return apiRequest;
}

void write(QHttpServerResponder &&responder, const ApiResponse &response)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

} // namespace

HttpFront::HttpFront(const ApiGateway &gateway, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_gateway(gateway)
{
}

quint16 HttpFront::listenGuarded(const QHostAddress &address, quint16 port, const HttpLimits &limits,
                                 const std::optional<QSslConfiguration> &tls, QString *error)
{
    auto *server = new GuardedTcpServer(limits, tls, this);
    if (!server->listen(address, port)) {
        *error = server->errorString();
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

bool HttpFront::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ApiRequest apiRequest = toApiRequest(request);
    write(makeResponder(request, socket), m_gateway.handle(apiRequest));
    return true;
}

void HttpFront::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers everything, so this only runs if Qt changes its contract.
    handleRequest(request, socket);
}
