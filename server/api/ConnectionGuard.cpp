#include "ConnectionGuard.h"

#include "ApiError.h"
#include "HttpWire.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace {

// A client that sends requests but does not read the answers is cut off at this much backlog.
constexpr qint64 kMaxUnsentBytes = 4 * 1024 * 1024;

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

void ConnectionGuard::followParser()
{
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
    if (phase == Phase::Idle)
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
    const RequestFraming::Result result = m_framing.feed(fresh);
    m_unparsed += result.completed;
    if (result.rejection) {
        reject(*result.rejection);
        return;
    }
    if (m_framing.inRequest()) {
        if (m_phase != Phase::InRequest || result.completed > 0)
            enter(Phase::InRequest);
    } else if (result.completed > 0) {
        enter(Phase::Idle);
    }
}

void ConnectionGuard::afterParser()
{
    if (m_phase == Phase::Closing)
        return;
    // QtHttpServer read all of an unfinished request, or exactly one finished request.
    m_examinedAhead = m_socket->bytesAvailable();
    if (m_unparsed > 0)
        --m_unparsed;
    if (m_socket->bytesToWrite() > kMaxUnsentBytes) {
        m_socket->abort();
        return;
    }
    // QtHttpServer 6.4 takes one request per readyRead; pipelined ones would wait for more bytes.
    if (m_unparsed > 0)
        QTimer::singleShot(0, m_socket, [socket = m_socket] { emit socket->readyRead(); });
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
    case Phase::Closing:
        m_socket->abort();
        break;
    }
}

void ConnectionGuard::reject(const RequestFraming::Rejection &rejection)
{
    enter(Phase::Closing);
    // From here on QtHttpServer reads nothing more from this connection.
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::drain);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    drain();
    m_socket->write(errorResponse(rejection));
    m_socket->flush();
    if (qobject_cast<QSslSocket *>(m_socket)) {
        m_socket->disconnectFromHost();
        return;
    }
    connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGuard::shutDownWriting);
    if (m_socket->bytesToWrite() == 0)
        shutDownWriting();
}

void ConnectionGuard::shutDownWriting()
{
    if (m_socket->bytesToWrite() > 0 || m_socket->socketDescriptor() < 0)
        return;
    // A FIN after the answer, while still reading: closing outright with unread input would
    // send a reset that can destroy the answer before the client reads it.
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
}

void ConnectionGuard::drain()
{
    m_socket->skip(m_socket->bytesAvailable());
}
