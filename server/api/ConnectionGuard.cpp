#include "ConnectionGuard.h"

#include "ApiError.h"
#include "HttpWire.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace {

// Answers queued for a client beyond this make QtHttpServer stop reading its pipelined requests
// until the client has read them down to kResumeBelowBytes: a client that reads gets every answer,
// one that does not costs at most one answer more than this, and is cut off after the idle timeout.
constexpr qint64 kPauseAboveBytes = 512 * 1024;
constexpr qint64 kResumeBelowBytes = 64 * 1024;

QByteArray errorResponse(const RequestFraming::Rejection &rejection)
{
    ApiResponse response = ApiError(rejection.status, rejection.code, rejection.message).toResponse();
    response.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    if (rejection.status == 503)
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    return HttpWire::response(response);
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_framing(limits)
{
    m_clock.start();
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ConnectionGuard::deadlineReached);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::beforeParser);
    // QtHttpServer deletes the sockets it serves when they disconnect; this covers the rest.
    connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater);
    enter(Phase::AwaitingRequest);
}

ConnectionGuard *ConnectionGuard::of(const QTcpSocket *socket)
{
    return socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
}

void ConnectionGuard::followParser(ParserLink link)
{
    m_parserLink = std::move(link);
    m_parserLink(true);
    m_parserAttached = true;
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::afterParser);
}

void ConnectionGuard::refuse(const RequestFraming::Rejection &rejection)
{
    reject(rejection);
}

void ConnectionGuard::enter(Phase phase)
{
    m_phase = phase;
    int timeoutMs = m_limits.requestTimeoutMs;
    if (phase == Phase::Idle || phase == Phase::Backlogged)
        timeoutMs = m_limits.idleTimeoutMs;
    else if (phase == Phase::Closing)
        timeoutMs = m_limits.lingerMs;
    m_deadlineMs = m_clock.elapsed() + timeoutMs;
    // Restarting the timer for every request re-registered it with the event loop, a tenth of what
    // the guard cost per request; a deadline that moved later is rechecked when the timer fires.
    if (!m_deadline.isActive() || m_deadlineMs < m_timerDueMs) {
        m_deadline.start(timeoutMs);
        m_timerDueMs = m_deadlineMs;
    }
}

void ConnectionGuard::beforeParser()
{
    const qint64 available = m_socket->bytesAvailable();
    if (m_phase == Phase::Closing || available <= m_examinedAhead)
        return;
    // peek() shows what QtHttpServer's next read() returns; only the tail is new to the framing.
    const QByteArray fresh = m_socket->peek(available).sliced(m_examinedAhead);
    m_examinedAhead = available;
    const int unparsedBefore = m_unparsed;
    const RequestFraming::Result result = m_framing.feed(fresh);
    m_unparsed += result.completed;
    if (result.closingRequest > 0 && m_untilClose == 0)
        m_untilClose = unparsedBefore + result.closingRequest;
    if (result.rejection) {
        reject(*result.rejection);
        return;
    }
    // Only a client with nothing else outstanding gets it: it would read an interim answer in
    // the middle of earlier answers as theirs. Others send the body after their own short wait.
    if (result.continueExpected && unparsedBefore == 0 && m_answersWaiting == 0 && m_phase != Phase::Backlogged)
        m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    if (m_phase == Phase::Backlogged || m_phase == Phase::Finishing)
        return;
    if (m_framing.inRequest()) {
        if (m_phase != Phase::InRequest || result.completed > 0)
            enter(Phase::InRequest);
    } else if (result.completed > 0) {
        enter(Phase::Idle);
    }
}

void ConnectionGuard::afterParser()
{
    if (!m_parserAttached || m_phase == Phase::Closing)
        return;
    // QtHttpServer read all of an unfinished request, or exactly one finished request.
    m_examinedAhead = m_socket->bytesAvailable();
    if (m_unparsed > 0)
        requestTaken();
}

void ConnectionGuard::requestTaken()
{
    --m_unparsed;
    if (m_untilClose > 0 && --m_untilClose == 0) {
        finishWhenAnswered();
        return;
    }
    if (m_socket->bytesToWrite() > kPauseAboveBytes) {
        waitForClientToRead();
        return;
    }
    // QtHttpServer 6.4 takes one request per readyRead; pipelined ones would wait for more bytes.
    if (m_unparsed > 0)
        QTimer::singleShot(0, m_socket, [socket = m_socket] { emit socket->readyRead(); });
}

void ConnectionGuard::detachParser()
{
    if (!m_parserAttached)
        return;
    m_parserAttached = false;
    m_parserLink(false);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
}

void ConnectionGuard::waitForClientToRead()
{
    detachParser();
    enter(Phase::Backlogged);
    // Reading on would only buffer requests that wait anyway: let TCP hold the client back.
    m_socket->setReadBufferSize(std::max<qint64>(1, m_socket->bytesAvailable()));
    connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGuard::answersRead, Qt::UniqueConnection);
}

void ConnectionGuard::answersRead()
{
    if (m_phase != Phase::Backlogged)
        return;
    m_deadlineMs = m_clock.elapsed() + m_limits.idleTimeoutMs; // it reads: not stalled
    if (m_socket->bytesToWrite() > kResumeBelowBytes)
        return;
    disconnect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGuard::answersRead);
    m_socket->setReadBufferSize(0);
    // QtHttpServer's reader goes back between this guard's two slots, as when it first took over.
    disconnect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::afterParser);
    m_parserLink(true);
    m_parserAttached = true;
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::afterParser);
    enter(m_framing.inRequest() || m_unparsed > 0 ? Phase::InRequest : Phase::Idle);
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, m_socket, [socket = m_socket] { emit socket->readyRead(); });
}

void ConnectionGuard::answerWritten()
{
    if (m_answersWaiting > 0)
        --m_answersWaiting;
    if (m_phase == Phase::Finishing && m_answersWaiting == 0)
        closeGracefully();
}

void ConnectionGuard::finishWhenAnswered()
{
    detachParser();
    enter(Phase::Finishing);
    if (m_answersWaiting == 0)
        closeGracefully();
}

void ConnectionGuard::closeGracefully()
{
    enter(Phase::Closing);
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::drain);
    drain();
    if (qobject_cast<QSslSocket *>(m_socket)) {
        m_socket->disconnectFromHost();
        return;
    }
    connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGuard::shutDownWriting);
    if (m_socket->bytesToWrite() == 0)
        shutDownWriting();
}

void ConnectionGuard::deadlineReached()
{
    const qint64 remainingMs = m_deadlineMs - m_clock.elapsed();
    if (remainingMs > 0) {
        m_deadline.start(static_cast<int>(remainingMs));
        m_timerDueMs = m_deadlineMs;
        return;
    }
    switch (m_phase) {
    case Phase::InRequest:
        reject({408, QStringLiteral("request_timeout"),
                QStringLiteral("the request did not arrive completely within %1 ms").arg(m_limits.requestTimeoutMs)});
        break;
    case Phase::AwaitingRequest:
    case Phase::Idle:
        enter(Phase::Closing);
        m_socket->disconnectFromHost();
        break;
    case Phase::Backlogged: // the client stopped reading its answers
    case Phase::Finishing:
    case Phase::Closing:
        abortQuietly();
        break;
    }
}

void ConnectionGuard::reject(const RequestFraming::Rejection &rejection)
{
    detachParser();
    m_socket->write(errorResponse(rejection));
    m_socket->flush();
    closeGracefully();
}

void ConnectionGuard::shutDownWriting()
{
    if (m_socket->bytesToWrite() > 0 || m_socket->socketDescriptor() < 0)
        return;
    // A FIN after the answer, while still reading: closing outright with unread input would
    // send a reset that can destroy the answer before the client reads it.
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
}

void ConnectionGuard::abortQuietly()
{
    // Nobody may read a closed socket: Qt warns on every read, and a buffer of unparsed requests
    // would keep asking it to.
    detachParser();
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    // A reset, not a FIN queued behind answers the client will never read: the kernel would keep
    // those (megabytes) for minutes, and the client would not learn it was cut off.
    if (m_socket->socketDescriptor() >= 0) {
        const linger reset{1, 0};
        ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    }
    m_socket->abort();
}

void ConnectionGuard::drain()
{
    m_socket->skip(m_socket->bytesAvailable());
}
