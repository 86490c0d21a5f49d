#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "Authenticator.h"
#include "Router.h"

// Everything between the socket and a handler that does not depend on the transport: body
// limit, authentication, routing (404/405), roles (403), and mapping every error to JSON in
// one place. The server never answers 5xx to client input.
class ApiGateway
{
public:
    ApiGateway(const Router &router, const Authenticator &authenticator, qint64 maxBodyBytes);

    ApiResponse handle(ApiRequest &request) const;

private:
    ApiResponse route(ApiRequest &request) const;

    const Router &m_router;
    const Authenticator &m_authenticator;
    qint64 m_maxBodyBytes;
};
