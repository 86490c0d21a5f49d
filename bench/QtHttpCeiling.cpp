// ena-bench-qthttp FILE: serves FILE's bytes as application/json to every request through
// QtHttpServer 6.4 (QAbstractHttpServer, the answer rendered once at start), on a loopback port
// it prints; no routing, no authentication, no guard, no database. bench/run.sh runs it in
// turns with the API read: it is the ceiling any server built on QtHttpServer 6.4 has there.
#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QTcpSocket>

#include <cstdio>

namespace {
class PrerenderedServer : public QAbstractHttpServer
{
public:
    explicit PrerenderedServer(QByteArray answer)
        : m_answer(std::move(answer))
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &, QTcpSocket *socket) override
    {
        socket->write(m_answer);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    QByteArray m_answer;
};
} // namespace

int main(int argc, char *argv[])
{
    // The same event loop as ena-webhooks-server (see server/main.cpp).
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fputs("usage: ena-bench-qthttp FILE\n", stderr);
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "ena-bench-qthttp: cannot read %s\n", argv[1]);
        return 1;
    }
    const QByteArray body = file.readAll();
    PrerenderedServer server(QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ")
                             + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0) {
        std::fputs("ena-bench-qthttp: cannot listen\n", stderr);
        return 1;
    }
    std::printf("%u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
