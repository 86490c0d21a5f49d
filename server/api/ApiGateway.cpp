#include "ApiGateway.h"

#include "ApiError.h"
#include "AuditTrail.h"
#include "AuthThrottle.h"
#include "DeferredAnswer.h"
#include "HostAllowlist.h"
#include "StoreError.h"

#include <QDebug>

#include <algorithm>

namespace {
// Two values of a header that decides who the caller is, which host was meant or what a repeat
// is would let different layers read different values: refuse instead of picking one.
void rejectRepeatedHeaders(const ApiRequest &request)
{
    static const QList<QByteArray> singletons{"authorization", "host", "idempotency-key", "content-length",
                                              "content-type"};
    for (const QByteArray &name : singletons) {
        const auto count = std::count_if(request.headers.cbegin(), request.headers.cend(), [&](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (count > 1)
            throw ApiError::badRequest(QStringLiteral("header \"%1\" is given %2 times; send it once")
                                           .arg(QString::fromLatin1(name)).arg(count));
    }
}
} // namespace

ApiGateway::ApiGateway(const Router &router, const Authenticator &authenticator, qint64 maxBodyBytes)
    : m_router(router)
    , m_authenticator(authenticator)
    , m_maxBodyBytes(maxBodyBytes)
{
}

void ApiGateway::setObserver(Observer observer)
{
    m_observer = std::move(observer);
}

ApiResponse ApiGateway::handle(ApiRequest &request) const
{
    const ApiResponse response = answer(request);
    if (!m_observer)
        return response;
    if (!response.deferred) {
        m_observer(request, request.routePattern, response.status);
        return response;
    }
    // Counted when the answer is known, before it is written.
    response.deferred->then([observer = m_observer, request](const ApiResponse &final) {
        observer(request, request.routePattern, final.status);
    });
    return response;
}

void ApiGateway::setSettler(std::function<void()> settler)
{
    m_settler = std::move(settler);
}

void ApiGateway::settle() const
{
    if (m_settler)
        m_settler();
}

ApiResponse ApiGateway::answer(ApiRequest &request) const
{
    try {
        return route(request);
    } catch (const ApiError &error) {
        return error.toResponse();
    } catch (const StoreError &error) {
        qCritical("database error while serving %s %s: %s", request.method.constData(),
                  qUtf8Printable(request.path), error.what());
    } catch (const std::exception &error) {
        qCritical("unexpected error while serving %s %s: %s", request.method.constData(),
                  qUtf8Printable(request.path), error.what());
    }
    return ApiError(500, QStringLiteral("internal_error"),
                    QStringLiteral("the server could not complete the request; see its log"))
        .toResponse();
}

ApiResponse ApiGateway::route(ApiRequest &request) const
{
    const Router::Match match = m_router.match(request.method, request.path);
    if (match.route)
        request.routePattern = match.route->pattern; // for the observer, whatever the outcome
    if (request.body.size() > m_maxBodyBytes)
        throw ApiError::payloadTooLarge(m_maxBodyBytes);
    rejectRepeatedHeaders(request);
    checkHost(request);

    const bool isPublic = match.route && match.route->access == Router::Access::Public;
    const Authenticator::Role role = isPublic ? Authenticator::Role::None
                                              : m_authenticator.roleFor(request.header("Authorization"));
    if (!isPublic && role == Authenticator::Role::None)
        refuseCredentials(request);
    if (!match.route && match.allowedMethods.isEmpty())
        throw ApiError::notFound(QStringLiteral("no route for %1").arg(request.path));
    if (!match.route) {
        throw ApiError(405, QStringLiteral("method_not_allowed"),
                       QStringLiteral("method %1 is not allowed on %2")
                           .arg(QString::fromLatin1(request.method), request.path))
            .withHeader("Allow", match.allowedMethods.join(", "));
    }
    if (role == Authenticator::Role::Publisher && match.route->access != Router::Access::Publish)
        throw ApiError::forbidden(QStringLiteral("the publish-only token may only call POST /api/events"));

    // What the route does not take is refused here, the same way for every route.
    match.route->input.check(request);
    request.params = match.params;
    ApiResponse response = match.route->handler(request);
    if (m_audit)
        m_audit->record(request, *match.route, response);
    return response;
}

void ApiGateway::setSafeguards(const HostAllowlist *hosts, AuthThrottle *throttle, const AuditTrail *audit)
{
    m_hosts = hosts;
    m_throttle = throttle;
    m_audit = audit;
}

void ApiGateway::checkHost(const ApiRequest &request) const
{
    const QByteArray host = request.header("Host");
    if (!m_hosts || m_hosts->allows(host))
        return;
    throw ApiError(421, QStringLiteral("misdirected_request"),
                   QStringLiteral("this server does not answer to the host name \"%1\"; use its address or localhost, "
                                  "or start it with --allowed-host NAME")
                       .arg(QString::fromLatin1(host.left(100))));
}

// The throttle only ever answers requests whose token is wrong: behind a reverse proxy every
// client shares one address, and a guesser there must not lock the right token out.
void ApiGateway::refuseCredentials(const ApiRequest &request) const
{
    const bool sentToken = !request.header("Authorization").isEmpty();
    const qint64 waitSeconds = m_throttle ? m_throttle->retryAfterSeconds(request.remoteAddress) : 0;
    if (waitSeconds > 0) {
        throw ApiError(429, QStringLiteral("too_many_failed_logins"),
                       QStringLiteral("too many requests with a wrong token from this address; try again in %1 s")
                           .arg(waitSeconds))
            .withHeader("Retry-After", QByteArray::number(waitSeconds));
    }
    if (m_throttle && sentToken)
        m_throttle->recordFailure(request.remoteAddress);
    throw ApiError::unauthorized(sentToken ? QStringLiteral("invalid token")
                                           : QStringLiteral("missing Authorization header; send \"Authorization: Bearer <token>\""));
}
