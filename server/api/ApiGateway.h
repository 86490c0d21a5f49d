#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "Authenticator.h"
#include "Router.h"

#include <functional>

class AuditTrail;
class AuthThrottle;
class HostAllowlist;

// Everything between the socket and a handler that does not depend on the transport: body
// limit, authentication, routing (404/405), roles (403), what the route takes (query
// parameters 422, body 415; see RouteInput), and mapping every error to JSON in one place.
// The server never answers 5xx to client input.
class ApiGateway
{
public:
    ApiGateway(const Router &router, const Authenticator &authenticator, qint64 maxBodyBytes);

    ApiResponse handle(ApiRequest &request) const;
    // Told about every answered request: the matched route pattern (empty if none) and status.
    using Observer = std::function<void(const ApiRequest &request, const QString &routePattern, int status)>;
    void setObserver(Observer observer);
    // Security parts the server plugs in (each optional): Host check (421), wrong-token throttle
    // (429 + Retry-After), and the audit log of successful admin changes.
    void setSafeguards(const HostAllowlist *hosts, AuthThrottle *throttle, const AuditTrail *audit);
    // What completes answers that wait (ApiResponse::deferred) now rather than later; the HTTP
    // front calls settle() before answering a connection that is still waiting for one.
    void setSettler(std::function<void()> settler);
    void settle() const;

private:
    ApiResponse answer(ApiRequest &request) const;
    ApiResponse route(ApiRequest &request) const;
    void checkHost(const ApiRequest &request) const;
    [[noreturn]] void refuseCredentials(const ApiRequest &request) const;

    const Router &m_router;
    const Authenticator &m_authenticator;
    qint64 m_maxBodyBytes;
    Observer m_observer;
    std::function<void()> m_settler;
    const HostAllowlist *m_hosts = nullptr;
    AuthThrottle *m_throttle = nullptr;
    const AuditTrail *m_audit = nullptr;
};
