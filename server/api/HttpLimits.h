#pragma once

#include <QtGlobal>

// What one client may cost the HTTP front; enforced by GuardedTcpServer and ConnectionGuard
// because QtHttpServer 6.4 enforces none of it.
struct HttpLimits
{
    qint64 maxBodyBytes = 1024 * 1024;  // 413 above
    qint64 maxHeaderBytes = 32 * 1024;  // all header lines together; 431 above
    qint64 maxUrlBytes = 8 * 1024;      // the request target; 414 above
    int maxConnections = 512;           // open sockets; more are answered 503 and closed
    int idleTimeoutMs = 30 * 1000;      // keep-alive connection without a request
    int requestTimeoutMs = 10 * 1000;   // first byte (or accept) to the last byte of a request
    int lingerMs = 2000;                // reading and dropping input after an error answer
};
