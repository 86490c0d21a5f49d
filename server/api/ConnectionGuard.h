#pragma once

#include "HttpLimits.h"
#include "RequestFraming.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

// Enforces HttpLimits on one connection. It reads the bytes QtHttpServer is about to parse (its
// readyRead slot runs before QtHttpServer's), follows the request framing, and when a limit
// trips answers the JSON error itself, stops QtHttpServer from reading any further, drains
// what the client still sends for a moment and closes. Also the request, idle and linger timers.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    // Becomes a child of socket. Create it before anything else connects to the socket's readyRead.
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits);

    // Call right after QtHttpServer took the socket: from then on this also runs after its reader.
    void followParser();
    // Answers without reading a request (too many connections) and closes.
    void refuse(const RequestFraming::Rejection &rejection);

private:
    enum class Phase { AwaitingRequest, InRequest, Idle, Closing };

    void beforeParser();
    void afterParser();
    void deadlineReached();
    void reject(const RequestFraming::Rejection &rejection);
    void shutDownWriting();
    void drain();
    void enter(Phase phase);

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    RequestFraming m_framing;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    qint64 m_deadlineMs = 0; // on m_clock: when the current phase times out
    qint64 m_timerDueMs = 0; // on m_clock: when m_deadline fires, at or before m_deadlineMs
    Phase m_phase = Phase::AwaitingRequest;
    qint64 m_examinedAhead = 0; // bytes at the front of the socket's buffer the framing has seen
    int m_unparsed = 0;         // complete requests in the buffer QtHttpServer has not taken yet
};
