#include "HttpFront.h"

#include "ApiGateway.h"
#include "ConnectionGuard.h"
#include "DeferredAnswer.h"
#include "GuardedTcpServer.h"
#include "HttpWire.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpSocket>

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(method));
    return key ? QByteArray(key).toUpper() : QByteArrayLiteral("UNKNOWN");
}

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("connection")).toLower().contains("upgrade")
        && request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0;
}

QByteArray wire(ApiResponse response, HttpWire::Body body, bool closes)
{
    if (closes)
        response.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    return HttpWire::response(response, body);
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
    // Qt's default backlog of 50 drops the SYNs of a burst of new clients, who then wait 1 s, 3 s,
    // 7 s ... to retry: let as many wait to be accepted as may be open at once.
    server->setListenBacklogSize(limits.maxConnections);
    if (!server->listen(address, port)) {
        *error = server->errorString();
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

// Answers are written as bytes rather than through QHttpServerResponder, which 6.4 does not let
// outlive the handler: an answer that waits for a group commit is written after it returns.
bool HttpFront::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    // A connection gets its answers in the order of its requests: one still waiting for a commit
    // is settled before the next request on the same connection is answered.
    if (guard && guard->answersWaiting() > 0)
        m_gateway.settle();
    // Qt 6.4 closes an upgrade request's connection after handling it (and asks missingHandler).
    if (guard && isWebSocketUpgrade(request))
        guard->closeAfterRequest();
    const bool closes = guard && guard->requestCloses();
    ApiRequest apiRequest = toApiRequest(request);
    const HttpWire::Body body = request.method() == QHttpServerRequest::Method::Head ? HttpWire::Body::Omitted
                                                                                      : HttpWire::Body::Sent;
    const ApiResponse response = m_gateway.handle(apiRequest);
    if (!response.deferred) {
        socket->write(wire(response, body, closes));
        return true;
    }
    if (guard)
        guard->answerDeferred();
    const QPointer<QTcpSocket> alive(socket);
    response.deferred->then([alive, body, closes](const ApiResponse &answer) {
        if (!alive)
            return; // the client left; a repeat with its Idempotency-Key finds the event
        alive->write(wire(answer, body, closes));
        if (ConnectionGuard *aliveGuard = ConnectionGuard::of(alive))
            aliveGuard->answerWritten();
    });
    return true;
}

HttpFront::~HttpFront()
{
    // QTcpServer parents the connections it accepted, and the listening server is our child.
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->flush();
}

void HttpFront::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // handleRequest answers everything; Qt 6.4 calls this after it for a WebSocket upgrade and
    // then closes the connection, so the answer must be out now, and the request not run again.
    const ConnectionGuard *guard = ConnectionGuard::of(socket);
    if (guard && guard->answersWaiting() > 0)
        m_gateway.settle();
}
