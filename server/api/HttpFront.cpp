#include "HttpFront.h"

#include "ApiGateway.h"
#include "DeferredAnswer.h"
#include "GuardedTcpServer.h"
#include "HttpWire.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpSocket>

namespace {

// Answers a connection still waits for, kept on the socket so it goes away with it.
constexpr char kWaiting[] = "enaWaitingAnswers";

int waiting(const QTcpSocket *socket)
{
    return socket->property(kWaiting).toInt();
}

void addWaiting(QTcpSocket *socket, int delta)
{
    socket->setProperty(kWaiting, waiting(socket) + delta);
}

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

// Answers are written as bytes rather than through QHttpServerResponder, which 6.4 does not let
// outlive the handler: an answer that waits for a group commit is written after it returns.
bool HttpFront::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // A connection gets its answers in the order of its requests: one still waiting for a commit
    // is settled before the next request on the same connection is answered.
    if (waiting(socket) > 0)
        m_gateway.settle();
    ApiRequest apiRequest = toApiRequest(request);
    const HttpWire::Body body = request.method() == QHttpServerRequest::Method::Head ? HttpWire::Body::Omitted
                                                                                      : HttpWire::Body::Sent;
    const ApiResponse response = m_gateway.handle(apiRequest);
    if (!response.deferred) {
        socket->write(HttpWire::response(response, body));
        return true;
    }
    addWaiting(socket, 1);
    const QPointer<QTcpSocket> alive(socket);
    response.deferred->then([alive, body](const ApiResponse &answer) {
        if (!alive)
            return; // the client left; a repeat with its Idempotency-Key finds the event
        addWaiting(alive, -1);
        alive->write(HttpWire::response(answer, body));
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

void HttpFront::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers everything, so this only runs if Qt changes its contract.
    handleRequest(request, socket);
}
