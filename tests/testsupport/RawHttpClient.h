#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpSocket>
#include <optional>

// One raw TCP connection to a server in this process, for tests that need exact bytes on the
// wire (oversized, slow, pipelined or never-finished requests). Waiting spins the event loop,
// so the in-process server keeps working meanwhile.
class RawHttpClient
{
public:
    struct Response
    {
        int status = 0;
        QByteArray head; // status line and headers
        QByteArray body;

        QByteArray header(const QByteArray &name) const; // first value, case-insensitive
    };

    explicit RawHttpClient(quint16 port, const QHostAddress &from = {});

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool waitForConnected(int timeoutMs = 3000);
    qsizetype receivedBytes() const { return m_received.size(); } // not yet taken as responses
    void send(const QByteArray &bytes); // waits for the connection first
    // The next complete response (head and Content-Length body), or nullopt on timeout or close.
    std::optional<Response> waitForResponse(int timeoutMs = 5000);
    // True when the server closed the connection within timeoutMs.
    bool waitForClosed(int timeoutMs);
    QTcpSocket &socket() { return m_socket; }

private:
    std::optional<Response> takeResponse();

    QTcpSocket m_socket;
    QByteArray m_received;
};
