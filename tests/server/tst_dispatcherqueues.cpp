#include "ApiTestClient.h"
#include "Dispatcher.h"
#include "Signer.h"
#include "TestServer.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using Body = QJsonObject;

namespace {
const QString kEvent = QStringLiteral("survey.response.created");

// A receiver that answers every request after a fixed delay and records how many requests were
// open (received, not yet answered) when each arrived. TestReceiver answers synchronously and
// counts nothing at once, so it cannot show the dispatcher's per-endpoint concurrency.
class PacedReceiver : public QObject
{
public:
    struct Seen
    {
        QByteArray id;
        qint64 timestamp = 0;
        QByteArray signature;
        QByteArray body;
        int openAtArrival = 0; // this one included
        int answeredBefore = 0;
    };

    explicit PacedReceiver(int delayMs, int status = 204)
        : m_delayMs(delayMs), m_status(status)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &PacedReceiver::accept);
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    ~PacedReceiver() override
    {
        m_server.close();
        for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it) {
            it.key()->disconnect(this);
            it.key()->abort();
        }
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.serverPort())); }
    int count() const { return int(m_seen.size()); }
    const QList<Seen> &seen() const { return m_seen; }
    int peakFrom(qsizetype first) const
    {
        int peak = 0;
        for (qsizetype i = first; i < m_seen.size(); ++i)
            peak = std::max(peak, m_seen.at(i).openAtArrival);
        return peak;
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            m_waiting.insert(socket, false);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { process(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                if (m_waiting.take(socket)) // aborted by the sender while we held it
                    --m_open;
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    }
    void process(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (m_waiting.value(socket)) // libcurl does not pipeline: one request per connection at a time
            return;
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        Seen seen;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue; // the request line
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "webhook-id")
                seen.id = value;
            else if (name == "webhook-timestamp")
                seen.timestamp = value.toLongLong();
            else if (name == "webhook-signature")
                seen.signature = value;
        }
        if (buffer.size() < headEnd + 4 + length)
            return;
        seen.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        seen.openAtArrival = ++m_open;
        seen.answeredBefore = m_answered;
        m_seen.append(seen);
        m_waiting[socket] = true;
        QTimer::singleShot(m_delayMs, socket, [this, socket] { answer(socket); });
    }
    void answer(QTcpSocket *socket)
    {
        if (!m_waiting.value(socket))
            return;
        m_waiting[socket] = false;
        --m_open;
        ++m_answered;
        socket->write(m_status == 204 ? QByteArrayLiteral("HTTP/1.1 204 No Content\r\n\r\n")
                                      : QByteArrayLiteral("HTTP/1.1 %1 Status\r\nContent-Length: 0\r\n\r\n")
                                            .replace("%1", QByteArray::number(m_status)));
        process(socket);
    }

    const int m_delayMs;
    const int m_status;
    int m_open = 0;
    int m_answered = 0;
    QList<Seen> m_seen;
    QHash<QTcpSocket *, bool> m_waiting; // every open connection: whether it holds an unanswered request
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QTcpServer m_server;
};

bool signedWith(const QByteArray &key, const PacedReceiver::Seen &seen)
{
    return Signer::verify(key, seen.id, seen.timestamp, seen.body, seen.signature);
}

QString eventOf(const PacedReceiver::Seen &seen)
{
    return QJsonDocument::fromJson(seen.body).object()[QStringLiteral("id")].toString();
}

QByteArray keyOf(const QJsonObject &withSecret)
{
    return Signer::keyFromSecret(withSecret[QStringLiteral("secret")].toString()).value_or(QByteArray());
}
} // namespace

// The dispatcher's in-memory queues end to end: adaptive per-endpoint concurrency, endpoint
// changes while a backlog is queued, and the handoff of fresh deliveries.
class tst_DispatcherQueues : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void healthyReceiverGetsMoreThanInitialConcurrency();
    void failingReceiverGetsFewerRequestsOthersUnaffected();
    void urlChangeMovesBacklogWithoutLossOrDuplicates();
    void disablingHoldsBacklogUntilReenabled();
    void rotationSignsLaterRequestsWithNewSecret();
    void handoffDeliversEachFreshEventOnce();
    void handoffAfterChangesUsesNewUrlAndSecret();

private:
    void startServer(std::function<void(ServerConfig &)> adjust = {});
    QJsonObject createEndpoint(const QUrl &url);
    QJsonObject patchEndpoint(const QString &id, const Body &body);
    QHash<QString, int> publishMany(int count); // event id -> data.n
    int deliveryTotal(const QString &endpointId, const QString &status);
    QJsonArray allDeliveries(const QString &endpointId);
    Dispatcher &dispatcher() { return m_server->server().dispatcher(); }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

void tst_DispatcherQueues::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void tst_DispatcherQueues::startServer(std::function<void(ServerConfig &)> adjust)
{
    m_server = std::make_unique<TestServer>(std::move(adjust));
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

QJsonObject tst_DispatcherQueues::createEndpoint(const QUrl &url)
{
    return m_client->post(QStringLiteral("/api/integrations/webhooks"),
                          Body{{QStringLiteral("url"), url.toString()}, {QStringLiteral("events"), QJsonArray{kEvent}}})
        .json();
}

QJsonObject tst_DispatcherQueues::patchEndpoint(const QString &id, const Body &body)
{
    const auto reply = m_client->patch(QStringLiteral("/api/integrations/webhooks/") + id, body);
    return reply.status == 200 ? reply.json() : QJsonObject{};
}

QHash<QString, int> tst_DispatcherQueues::publishMany(int count)
{
    QHash<QString, int> events;
    for (int n = 0; n < count; ++n) {
        const auto reply = m_client->post(QStringLiteral("/api/events"),
                                          Body{{QStringLiteral("type"), kEvent}, {QStringLiteral("data"), Body{{QStringLiteral("n"), n}}}});
        if (reply.status == 202)
            events.insert(reply.json()[QStringLiteral("id")].toString(), n);
    }
    return events;
}

int tst_DispatcherQueues::deliveryTotal(const QString &endpointId, const QString &status)
{
    const auto reply = m_client->get(QStringLiteral("/api/integrations/webhooks/") + endpointId
                                     + QStringLiteral("/deliveries?per_page=1&status=") + status);
    return reply.status == 200 ? reply.json()[QStringLiteral("meta")].toObject()[QStringLiteral("total")].toInt() : -1;
}

QJsonArray tst_DispatcherQueues::allDeliveries(const QString &endpointId)
{
    QJsonArray all;
    for (int page = 1;; ++page) {
        const QJsonArray data = m_client->get(QStringLiteral("/api/integrations/webhooks/%1/deliveries?per_page=100&page=%2")
                                                  .arg(endpointId).arg(page)).data();
        for (const QJsonValue &delivery : data)
            all.append(delivery);
        if (data.size() < 100)
            return all;
    }
}

// Every request the receivers got names a distinct delivery and carries a published event with
// its own data: nothing twice, nothing foreign. Returns the events seen, none on a violation.
static QSet<QString> checkedEvents(const QList<const PacedReceiver *> &receivers, const QHash<QString, int> &published)
{
    QSet<QByteArray> ids;
    QSet<QString> events;
    for (const PacedReceiver *receiver : receivers) {
        for (const PacedReceiver::Seen &seen : receiver->seen()) {
            const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
            const QString event = body[QStringLiteral("id")].toString();
            if (ids.contains(seen.id) || events.contains(event) || !published.contains(event)
                || body[QStringLiteral("data")].toObject()[QStringLiteral("n")].toInt(-1) != published.value(event)) {
                qWarning("duplicate or unexpected request %s: %s", seen.id.constData(), seen.body.constData());
                return {};
            }
            ids.insert(seen.id);
            events.insert(event);
        }
    }
    return events;
}

void tst_DispatcherQueues::healthyReceiverGetsMoreThanInitialConcurrency()
{
    startServer();
    // 50 ms per answer: quick enough to count as healthy, slow enough that publishing outruns
    // the initial limit and a real backlog forms.
    PacedReceiver receiver(50);
    const QString id = createEndpoint(receiver.url())[QStringLiteral("id")].toString();
    const QHash<QString, int> events = publishMany(2000);
    QCOMPARE(events.size(), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 2000, 40000);
    QCOMPARE(receiver.count(), 2000);
    QCOMPARE(checkedEvents({&receiver}, events).size(), 2000);
    const int peak = receiver.peakFrom(0);
    QVERIFY2(peak > 16, qPrintable(QStringLiteral("peak concurrency %1").arg(peak)));
    QVERIFY2(peak <= 64, qPrintable(QStringLiteral("peak concurrency %1").arg(peak)));
}

void tst_DispatcherQueues::failingReceiverGetsFewerRequestsOthersUnaffected()
{
    startServer([](ServerConfig &c) { c.retryScheduleMs = {0, 100, 100}; });
    // The failing receiver is slow to fail, so that what it holds open at once is visible.
    PacedReceiver failing(100, 503);
    PacedReceiver healthy(20);
    const QString failingId = createEndpoint(failing.url())[QStringLiteral("id")].toString();
    const QString healthyId = createEndpoint(healthy.url())[QStringLiteral("id")].toString();
    const QHash<QString, int> events = publishMany(60);
    QCOMPARE(events.size(), 60);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(healthyId, QStringLiteral("delivered")), 60, 20000);
    // The healthy endpoint is done while the failing one still works through its backlog.
    QVERIFY(deliveryTotal(failingId, QStringLiteral("pending")) > 0);
    QCOMPARE(checkedEvents({&healthy}, events).size(), 60);

    QTRY_VERIFY_WITH_TIMEOUT(failing.count() >= 60, 20000);
    QCOMPARE(failing.peakFrom(0), 16); // the first round used the initial limit
    // Once a full round has failed, the halved limit holds: later requests overlap far less.
    qsizetype afterFirstRound = 0;
    while (afterFirstRound < failing.count() && failing.seen().at(afterFirstRound).answeredBefore < 16)
        ++afterFirstRound;
    QVERIFY(failing.count() - afterFirstRound >= 20);
    const int later = failing.peakFrom(afterFirstRound);
    QVERIFY2(later <= 8, qPrintable(QStringLiteral("concurrency after failures %1").arg(later)));
}

void tst_DispatcherQueues::urlChangeMovesBacklogWithoutLossOrDuplicates()
{
    startServer();
    // Slow enough, and changed early enough, that a backlog is left whatever the load on the
    // machine: waiting for 50 requests at 250 ms each once saw all 300 arrive within one poll.
    PacedReceiver oldReceiver(500);
    PacedReceiver newReceiver(5);
    const QString id = createEndpoint(oldReceiver.url())[QStringLiteral("id")].toString();
    QHash<QString, int> events = publishMany(400);
    QCOMPARE(events.size(), 400);
    QTRY_VERIFY_WITH_TIMEOUT(oldReceiver.count() >= 10, 20000);
    QVERIFY(oldReceiver.count() < 300); // a backlog is still queued
    QVERIFY(!patchEndpoint(id, Body{{QStringLiteral("url"), newReceiver.url().toString()}}).isEmpty());
    // From here on nothing new is sent to the old URL: it gets at most what is already on its way.
    const int oldAtChange = oldReceiver.count();
    const int inFlightAtChange = dispatcher().inFlight();
    const QHash<QString, int> later = publishMany(100); // these were never for the old URL
    QCOMPARE(later.size(), 100);
    events.insert(later);

    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 500, 30000);
    QTest::qWait(300); // a late duplicate would show up now
    QCOMPARE(oldReceiver.count() + newReceiver.count(), 500);
    QCOMPARE(checkedEvents({&oldReceiver, &newReceiver}, events).size(), 500);
    QVERIFY2(oldReceiver.count() <= oldAtChange + inFlightAtChange,
             qPrintable(QStringLiteral("old URL got %1 requests, %2 at the change with %3 in flight")
                            .arg(oldReceiver.count()).arg(oldAtChange).arg(inFlightAtChange)));
    for (const PacedReceiver::Seen &seen : oldReceiver.seen())
        QVERIFY(!later.contains(eventOf(seen)));
    QVERIFY(newReceiver.count() >= 200);
}

void tst_DispatcherQueues::disablingHoldsBacklogUntilReenabled()
{
    startServer();
    // Slow enough that a backlog is left while the events are published one by one, each after
    // its commit's sync to disk: under load 400 of them took 1.5 s, time enough for 250 ms
    // answers to let more than 300 through.
    PacedReceiver receiver(500);
    const QString id = createEndpoint(receiver.url())[QStringLiteral("id")].toString();
    const QHash<QString, int> events = publishMany(300);
    QCOMPARE(events.size(), 300);
    QTRY_VERIFY_WITH_TIMEOUT(receiver.count() >= 30, 20000);
    QVERIFY(receiver.count() < 250);
    QCOMPARE(patchEndpoint(id, Body{{QStringLiteral("enabled"), false}})[QStringLiteral("enabled")].toBool(true), false);
    const int atChange = receiver.count();
    const int inFlightAtChange = dispatcher().inFlight();

    // The attempts in flight finish as they started, then nothing more goes out.
    QTRY_COMPARE_WITH_TIMEOUT(dispatcher().inFlight(), 0, 10000);
    const int settled = receiver.count();
    QVERIFY(settled <= atChange + inFlightAtChange);
    QTest::qWait(1000);
    QCOMPARE(receiver.count(), settled);
    const int pending = deliveryTotal(id, QStringLiteral("pending"));
    QVERIFY(pending > 0);
    QCOMPARE(deliveryTotal(id, QStringLiteral("delivered")), settled);
    QCOMPARE(pending + settled, 300);

    QVERIFY(!patchEndpoint(id, Body{{QStringLiteral("enabled"), true}}).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 300, 30000);
    QCOMPARE(receiver.count(), 300);
    QCOMPARE(checkedEvents({&receiver}, events).size(), 300);
}

void tst_DispatcherQueues::rotationSignsLaterRequestsWithNewSecret()
{
    startServer();
    // Slow enough that a backlog is left while the events are published one by one, each after
    // its commit's sync to disk: under load 400 of them took 1.5 s, time enough for 250 ms
    // answers to let more than 300 through.
    PacedReceiver receiver(500);
    const QJsonObject endpoint = createEndpoint(receiver.url());
    const QString id = endpoint[QStringLiteral("id")].toString();
    const QByteArray oldKey = keyOf(endpoint);
    QHash<QString, int> events = publishMany(400);
    QCOMPARE(events.size(), 400);
    QTRY_VERIFY_WITH_TIMEOUT(receiver.count() >= 40, 20000);
    QVERIFY(receiver.count() < 300);
    const int beforeRotation = receiver.count();
    const QByteArray newKey = keyOf(m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/rotate-secret")).json());
    QVERIFY(!newKey.isEmpty());
    const int atRotation = receiver.count();
    const int inFlightAtRotation = dispatcher().inFlight();
    const QHash<QString, int> later = publishMany(100); // handed over or claimed: new secret only
    QCOMPARE(later.size(), 100);
    events.insert(later);

    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 500, 30000);
    QCOMPARE(receiver.count(), 500);
    QCOMPARE(checkedEvents({&receiver}, events).size(), 500);
    int oldAfterRotation = 0;
    for (int i = 0; i < receiver.count(); ++i) {
        const PacedReceiver::Seen &seen = receiver.seen().at(i);
        const bool byOld = signedWith(oldKey, seen);
        const bool byNew = signedWith(newKey, seen);
        QVERIFY2(byOld != byNew, qPrintable(QStringLiteral("request %1: old %2, new %3").arg(i).arg(byOld).arg(byNew)));
        if (i < beforeRotation)
            QVERIFY2(byOld, qPrintable(QStringLiteral("request %1 used the new secret before the rotation").arg(i)));
        if (i >= atRotation && byOld)
            ++oldAfterRotation;
        if (later.contains(eventOf(seen)))
            QVERIFY2(byNew, qPrintable(QStringLiteral("request %1, published after the rotation, used the old secret").arg(i)));
    }
    // Only attempts already in flight at the rotation may still carry the old signature.
    QVERIFY2(oldAfterRotation <= inFlightAtRotation,
             qPrintable(QStringLiteral("%1 old signatures after the rotation, %2 in flight").arg(oldAfterRotation).arg(inFlightAtRotation)));
    QVERIFY(receiver.count() - atRotation - oldAfterRotation >= 100);
}

void tst_DispatcherQueues::handoffDeliversEachFreshEventOnce()
{
    startServer();
    PacedReceiver receiver(0);
    const QJsonObject endpoint = createEndpoint(receiver.url());
    const QString id = endpoint[QStringLiteral("id")].toString();
    const QByteArray key = keyOf(endpoint);
    // After one delivery the dispatcher knows where and how to send: later ones skip the outbox.
    QHash<QString, int> events = publishMany(1);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 1, 10000);
    events.insert(publishMany(200));
    QCOMPARE(events.size(), 201);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 201, 20000);
    QCOMPARE(receiver.count(), 201);
    QCOMPARE(checkedEvents({&receiver}, events).size(), 201);

    QHash<QString, QByteArray> idOfEvent;
    for (const PacedReceiver::Seen &seen : receiver.seen()) {
        QVERIFY(signedWith(key, seen));
        const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
        QCOMPARE(body[QStringLiteral("type")].toString(), kEvent);
        idOfEvent.insert(body[QStringLiteral("id")].toString(), seen.id);
    }
    const QJsonArray deliveries = allDeliveries(id);
    QCOMPARE(deliveries.size(), 201);
    for (const QJsonValue &value : deliveries) {
        const QJsonObject delivery = value.toObject();
        QCOMPARE(delivery[QStringLiteral("status")].toString(), QStringLiteral("delivered"));
        QCOMPARE(delivery[QStringLiteral("attempt_count")].toInt(), 1);
        QCOMPARE(idOfEvent.value(delivery[QStringLiteral("event_id")].toString()), delivery[QStringLiteral("id")].toString().toUtf8());
    }
}

void tst_DispatcherQueues::handoffAfterChangesUsesNewUrlAndSecret()
{
    startServer();
    PacedReceiver oldReceiver(0);
    PacedReceiver newReceiver(0);
    const QJsonObject endpoint = createEndpoint(oldReceiver.url());
    const QString id = endpoint[QStringLiteral("id")].toString();
    const QByteArray oldKey = keyOf(endpoint);
    QCOMPARE(publishMany(1).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 1, 10000);
    // Nothing is queued or in flight now, so the change finds no queue to drop: only what the
    // dispatcher remembers about the endpoint can still point at the old settings.
    const QByteArray newKey = keyOf(m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/rotate-secret")).json());
    QVERIFY(!newKey.isEmpty());
    QVERIFY(!patchEndpoint(id, Body{{QStringLiteral("url"), newReceiver.url().toString()}}).isEmpty());
    const QHash<QString, int> events = publishMany(50);
    QCOMPARE(events.size(), 50);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryTotal(id, QStringLiteral("delivered")), 51, 10000);
    QCOMPARE(oldReceiver.count(), 1);
    QCOMPARE(newReceiver.count(), 50);
    QCOMPARE(checkedEvents({&newReceiver}, events).size(), 50);
    for (const PacedReceiver::Seen &seen : newReceiver.seen()) {
        QVERIFY(signedWith(newKey, seen));
        QVERIFY(!signedWith(oldKey, seen));
    }
}

QTEST_GUILESS_MAIN(tst_DispatcherQueues)
#include "tst_dispatcherqueues.moc"
