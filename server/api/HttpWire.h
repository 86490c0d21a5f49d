#pragma once

#include "ApiResponse.h"

#include <QByteArray>

// An ApiResponse as HTTP/1.1 bytes: status line, Content-Type, its headers, Content-Length and
// the body. The one serializer for every answer, whether QtHttpServer handed the request over,
// the answer came after a group commit, or ConnectionGuard refused the connection itself.
class HttpWire
{
public:
    // For a HEAD request the headers are those of the answer, without its body.
    enum class Body { Sent, Omitted };
    static QByteArray response(const ApiResponse &response, Body body = Body::Sent);
    static QByteArray reasonPhrase(int status);
};
