#include "ApiGateway.h"

#include "ApiError.h"
#include "StoreError.h"

#include <QDebug>

ApiGateway::ApiGateway(const Router &router, const Authenticator &authenticator, qint64 maxBodyBytes)
    : m_router(router)
    , m_authenticator(authenticator)
    , m_maxBodyBytes(maxBodyBytes)
{
}

ApiResponse ApiGateway::handle(ApiRequest &request) const
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
    if (request.body.size() > m_maxBodyBytes)
        throw ApiError::payloadTooLarge(m_maxBodyBytes);

    const Router::Match match = m_router.match(request.method, request.path);
    const bool isPublic = match.route && match.route->access == Router::Access::Public;
    const Authenticator::Role role = isPublic ? Authenticator::Role::None
                                              : m_authenticator.roleFor(request.header("Authorization"));
    if (!isPublic && role == Authenticator::Role::None) {
        throw ApiError::unauthorized(request.header("Authorization").isEmpty()
                                         ? QStringLiteral("missing Authorization header; send \"Authorization: Bearer <token>\"")
                                         : QStringLiteral("invalid token"));
    }
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

    request.params = match.params;
    return match.route->handler(request);
}
