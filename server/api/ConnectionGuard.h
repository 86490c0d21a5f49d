#pragma once

#include "HttpLimits.h"
#include "RequestFraming.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>

class QTcpSocket;

// Enforces HttpLimits on one connection. It reads the bytes QtHttpServer is about to parse (its
// readyRead slot runs before QtHttpServer's), follows the request framing, and when a limit
// trips answers the JSON error itself, stops QtHttpServer from reading any further, drains
// what the client still sends for a moment and closes. Also the request, idle and linger timers,
// the pace of pipelined requests (QtHttpServer reads the next one only while the client reads
// its answers), "Connection: close" and HTTP/1.0 (closed after the answer), and 100 Continue.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    // attach: true hands the socket (back) to QtHttpServer's reader, false takes it away.
    using ParserLink = std::function<void(bool attach)>;

    // Becomes a child of socket. Create it before anything else connects to the socket's readyRead.
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits);
    static ConnectionGuard *of(const QTcpSocket *socket);

    // Hands the socket to QtHttpServer; from then on this also runs after its reader.
    void followParser(ParserLink link);
    // Answers without reading a request (too many connections) and closes.
    void refuse(const RequestFraming::Rejection &rejection);

    // For the HTTP front, about the request QtHttpServer is handing it now: whether the connection
    // ends with its answer (the answer then says "Connection: close").
    bool requestCloses() const { return m_untilClose == 1; }
    // Makes the request being handed over the connection's last (a WebSocket upgrade, which Qt
    // 6.4 closes after): nothing more is read, the answers are written, then it closes.
    void closeAfterRequest() { m_untilClose = 1; }
    // Answers the front writes after a group commit, in request order.
    void answerDeferred() { ++m_answersWaiting; }
    void answerWritten();
    int answersWaiting() const { return m_answersWaiting; }

private:
    enum class Phase { AwaitingRequest, InRequest, Idle, Backlogged, Finishing, Closing };

    void beforeParser();
    void afterParser();
    void requestTaken();
    void deadlineReached();
    void reject(const RequestFraming::Rejection &rejection);
    void detachParser();
    void waitForClientToRead();
    void answersRead();
    void finishWhenAnswered();
    void closeGracefully();
    void shutDownWriting();
    void abortQuietly();
    void drain();
    void enter(Phase phase);

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    RequestFraming m_framing;
    ParserLink m_parserLink;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    qint64 m_deadlineMs = 0; // on m_clock: when the current phase times out
    qint64 m_timerDueMs = 0; // on m_clock: when m_deadline fires, at or before m_deadlineMs
    Phase m_phase = Phase::AwaitingRequest;
    bool m_parserAttached = false;
    qint64 m_examinedAhead = 0; // bytes at the front of the socket's buffer the framing has seen
    int m_unparsed = 0;         // complete requests in the buffer QtHttpServer has not taken yet
    int m_untilClose = 0;       // requests QtHttpServer takes before the one that closes; 0: none
    int m_answersWaiting = 0;
};
