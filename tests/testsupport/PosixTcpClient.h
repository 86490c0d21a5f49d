#pragma once

#include <QByteArray>
#include <QtGlobal>

// A plain non-blocking POSIX client on 127.0.0.1 that reads only when asked. A QTcpSocket in the
// test's thread reads as eagerly as an in-process server writes and closes itself on the
// server's FIN; this one lets the server run ahead of it (pipelining, slow readers) and keeps
// sending after the server answered, as a real uploader does.
class PosixTcpClient
{
public:
    explicit PosixTcpClient(quint16 port);
    ~PosixTcpClient();
    PosixTcpClient(const PosixTcpClient &) = delete;
    PosixTcpClient &operator=(const PosixTcpClient &) = delete;

    bool isConnected() const { return m_connected; }
    // Bytes the kernel took (0: its buffer is full), -1 once the server has gone.
    qint64 sendSome(const QByteArray &bytes);
    // All of bytes, spinning the event loop while the kernel's buffer is full; false if the server went.
    bool sendAll(const QByteArray &bytes);
    // Takes what has arrived into received(); false once the server closed the connection.
    bool read();
    const QByteArray &received() const { return m_received; }
    // Whether the server closed or reset the connection, seen without reading anything.
    bool closedByServer() const;

private:
    int m_fd;
    bool m_connected = false;
    QByteArray m_received;
};
