// RequestFraming (what ConnectionGuard lets through) and QtHttpServer 6.4's own parser agree on
// where requests end: whatever prefix of the input the framing accepts as k whole requests, Qt,
// given those same bytes and then a sentinel request on a real loopback connection, hands over
// exactly k requests and then the sentinel. A disagreement is request smuggling: bytes the guard
// counted as a body would reach the API as a request no limit applies to.
//
// Qt receives the bytes in one piece (loopback delivers them at once); its chunked-body reader
// depends on how bytes arrive, so the framing refuses every chunked form it frames unreliably.
#include "HttpLimits.h"
#include "RequestFraming.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QTcpSocket>

#include <cstdint>
#include <cstdlib>

namespace {

const QByteArray kSentinelPath = QByteArrayLiteral("/fuzz-sentinel");

class RecordingServer : public QAbstractHttpServer
{
public:
    struct Seen
    {
        QByteArray path;
        bool upgrade = false; // Qt 6.4 closes the connection after it (the guard does as well)
    };
    QList<Seen> seen;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *) override
    {
        const bool upgrade = request.value(QByteArrayLiteral("connection")).toLower().contains("upgrade")
            && request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0;
        seen.append({request.url().path().toUtf8(), upgrade});
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}
};

struct Fixture
{
    Fixture()
    {
        static int argc = 1;
        static char name[] = "fuzz";
        static char *argv[] = {name, nullptr};
        static QCoreApplication app(argc, argv);
        port = server.listen(QHostAddress::LocalHost, 0);
        if (port == 0)
            qFatal("cannot listen on loopback");
    }
    RecordingServer server;
    quint16 port = 0;
};

// How many whole requests the framing accepts from the front of input, and where they end.
qsizetype acceptedPrefix(QByteArrayView input, int *requests)
{
    HttpLimits limits;
    limits.maxBodyBytes = 4096;
    limits.maxHeaderBytes = 16 * 1024; // more than one field may hold: Qt's per-field cap is hit first
    limits.maxUrlBytes = 1024;
    RequestFraming framing(limits);
    qsizetype end = 0;
    *requests = 0;
    for (qsizetype at = 0; at < input.size(); ++at) {
        const RequestFraming::Result result = framing.feed(input.sliced(at, 1));
        if (result.rejection)
            break;
        if (result.completed > 0) {
            *requests += result.completed;
            end = at + 1;
        }
        if (result.closingRequest > 0)
            break;
    }
    return end;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Fixture fixture;
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    int requests = 0;
    const qsizetype end = acceptedPrefix(input, &requests);
    if (requests == 0)
        return 0;

    fixture.server.seen.clear();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, fixture.port);
    if (!client.waitForConnected(5000))
        qFatal("cannot connect to the loopback server");
    client.write(input.first(end).toByteArray() + "GET " + kSentinelPath + " HTTP/1.1\r\n\r\n");
    const auto done = [&] {
        const auto &seen = fixture.server.seen;
        return (!seen.isEmpty() && (seen.last().path == kSentinelPath || seen.last().upgrade))
            || seen.size() > requests + 1;
    };
    QElapsedTimer waited;
    waited.start();
    while (!done() && waited.elapsed() < 3000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    client.abort();
    QCoreApplication::processEvents();

    const auto &seen = fixture.server.seen;
    const int upgradeAt = int(std::find_if(seen.cbegin(), seen.cend(), [](const auto &s) { return s.upgrade; }) - seen.cbegin());
    const bool agree = upgradeAt < requests ? seen.size() == upgradeAt + 1
                                            : seen.size() == requests + 1 && seen.last().path == kSentinelPath;
    if (!agree) {
        qCritical("the framing accepted %d requests in %lld bytes; Qt handed over %lld requests%s", requests,
                  static_cast<long long>(end), static_cast<long long>(seen.size()),
                  !seen.isEmpty() && seen.last().path == kSentinelPath ? " (the last the sentinel)" : ", no sentinel");
        std::abort();
    }
    return 0;
}
