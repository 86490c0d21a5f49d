#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>

// One request as a TestReceiver saw it.
struct ReceivedRequest
{
    QByteArray method;
    QByteArray path;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 receivedAtMs = 0; // QDateTime::currentMSecsSinceEpoch() when the body was complete

    // First value of the header, name compared case-insensitively; empty when absent.
    QByteArray header(const QByteArray &name) const;
};
Q_DECLARE_METATYPE(ReceivedRequest)

// A real HTTP/1.1 server on 127.0.0.1 (keep-alive, pipelining, Content-Length bodies) whose
// answers tests script: respond, hang, drip, reset or close. Built on QTcpServer rather than
// QtHttpServer so that tests control the bytes on the wire, misbehaviour included.
class TestReceiver : public QObject
{
    Q_OBJECT
public:
    using Request = ReceivedRequest;

    enum class Behaviour {
        Respond, // answer with status, headers and body
        Hang,    // read the request, never answer; the socket stays open until we are destroyed
        Drip,    // status line (200 if status cannot carry a body) and a large Content-Length,
                 // then 1 body byte a second
        Reset,   // abort the connection with a TCP RST
        Close,   // close the connection (FIN) without answering
    };
    struct Script
    {
        Behaviour behaviour = Behaviour::Respond;
        int status = 204;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        qint64 bodyBytes = -1; // if >= 0, the body is this many 'x' bytes, streamed in chunks
    };
    using Handler = std::function<Script(const ReceivedRequest &)>;

    explicit TestReceiver(QObject *parent = nullptr); // listens at once on 127.0.0.1:0
    ~TestReceiver() override;

    quint16 port() const;
    QUrl url(const QString &path = QStringLiteral("/hook")) const; // http://127.0.0.1:<port><path>

    void setDefault(const Script &script); // used when the queue is empty
    void enqueue(const Script &script);    // per-request scripts, FIFO, one consumed per request
    void setHandler(Handler handler);      // when set, wins over the queue and the default

    QList<ReceivedRequest> requests() const;
    int count() const;
    // Spins the event loop until count() >= n; false on timeout.
    bool waitForRequests(int n, int timeoutMs = 5000);

    // Connections accepted so far: tells keep-alive reuse from reconnects.
    int connectionCount() const;
    void clearRequests();

    static Script respond(int status, const QByteArray &body = {},
                          const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static Script behave(Behaviour behaviour);

signals:
    void requestReceived(const ReceivedRequest &request);

private:
    friend class TestReceiverConnection;
    void acceptConnections();
    Script record(ReceivedRequest request); // records, emits, and returns the script to play

    QTcpServer m_server;
    Script m_default;
    QList<Script> m_queue;
    Handler m_handler;
    QList<ReceivedRequest> m_requests;
    int m_connections = 0;
};
