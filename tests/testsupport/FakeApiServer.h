#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

// A stand-in for a server the console does not control: answers each route with exactly the
// bytes a test scripted (any status, headers and body, a connection reset right after the
// status line, a body of any size), so the console can be driven against broken or hostile
// answers. Unscripted routes answer like an empty but healthy server.
class FakeApiServer : public QObject
{
    Q_OBJECT
public:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool resetAfterStatus = false; // sends the head and a byte of body, then drops the connection
        qint64 generatedBodyBytes = 0; // sends this many bytes of filler instead of body
        bool silent = false; // takes the request and never answers: a server that hangs
    };
    struct Request
    {
        QByteArray method;
        QString path;
        QByteArray query;
        QByteArray body;
    };

    explicit FakeApiServer(QObject *parent = nullptr);

    // Its connections go first: their signals reach members that are about to be destroyed.
    ~FakeApiServer() override;
    bool start();
    QUrl url() const;
    // method "GET", path without query ("/api/integrations/webhooks").
    void answer(const QByteArray &method, const QString &path, const Answer &answer);
    void answerJson(const QByteArray &method, const QString &path, const QByteArray &json, int status = 200);
    // For answers that depend on the request (the query's page, a count of calls).
    void answerWith(const QByteArray &method, const QString &path, std::function<Answer(const Request &)> responder);
    static Answer jsonAnswer(const QByteArray &body, int status = 200);
    const QList<Request> &requests() const { return m_requests; }
    qsizetype count(const QByteArray &method, const QString &path) const;

private:
    void accept();
    void readFrom(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Request &request);
    static void sendGenerated(QTcpSocket *socket, qint64 bytes);
    Answer answerFor(const Request &request) const;

    QTcpServer m_server;
    QHash<QString, std::function<Answer(const Request &)>> m_answers;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
};
