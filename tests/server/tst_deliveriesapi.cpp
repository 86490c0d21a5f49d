#include "ApiTestClient.h"
#include "HistorySeeder.h"
#include "Rfc3339.h"
#include "TestServer.h"

#include <QTest>
#include <QUrlQuery>

using Body = QJsonObject;

class tst_DeliveriesApi : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void emptyHistory();
    void pagesNewestFirst();
    void filters_data();
    void filters();
    void rejectsBadQuery_data();
    void rejectsBadQuery();
    void toTakesInTheSecondTheApiShows();
    void windowAtThePrecisionWritten_data();
    void windowAtThePrecisionWritten();
    void oneDeliveryWithAttempts();
    void retryFailed();
    void retryDeliveredIsConflict();
    void retryUnknownOrForeignIs404();
    void retryOnDisabledEndpointIsConflict();
    void testEvent();
    void testEventRejectsBadInput_data();
    void testEventRejectsBadInput();

private:
    QString createEndpoint(bool enabled, const QString &url = QStringLiteral("http://127.0.0.1:9/hook"));
    QString path(const QString &endpointId, const QString &suffix = {}) const;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::unique_ptr<HistorySeeder> m_seeder;
};

namespace {
const qint64 kBaseTime = 1780826400000; // 2026-06-07T10:00:00Z
constexpr qint64 kMinute = 60 * 1000;
} // namespace

void tst_DeliveriesApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
    m_seeder = std::make_unique<HistorySeeder>(m_server->dataDir());
}

void tst_DeliveriesApi::cleanup()
{
    m_seeder.reset();
    m_client.reset();
    m_server.reset();
}

QString tst_DeliveriesApi::createEndpoint(bool enabled, const QString &url)
{
    return m_client->post(QStringLiteral("/api/integrations/webhooks"),
                          Body{{QStringLiteral("url"), url},
                               {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                               {QStringLiteral("enabled"), enabled}})
        .json()[QStringLiteral("id")]
        .toString();
}

QString tst_DeliveriesApi::path(const QString &endpointId, const QString &suffix) const
{
    return QStringLiteral("/api/integrations/webhooks/") + endpointId + QStringLiteral("/deliveries") + suffix;
}

void tst_DeliveriesApi::emptyHistory()
{
    const QString id = createEndpoint(false);
    const auto reply = m_client->get(path(id));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.data().size(), 0);
    const QJsonObject meta = reply.json()[QStringLiteral("meta")].toObject();
    QCOMPARE(meta[QStringLiteral("page")].toInt(), 1);
    QCOMPARE(meta[QStringLiteral("per_page")].toInt(), 20);
    QCOMPARE(meta[QStringLiteral("total")].toInt(), 0);
}

void tst_DeliveriesApi::pagesNewestFirst()
{
    const QString id = createEndpoint(false);
    QStringList ids; // oldest first
    for (int i = 0; i < 45; ++i)
        ids.append(m_seeder->addDelivery(id, kBaseTime + i * kMinute, DeliveryStatus::Delivered));

    const auto first = m_client->get(path(id));
    QCOMPARE(first.data().size(), 20);
    QCOMPARE(first.data().first().toObject()[QStringLiteral("id")].toString(), ids.last());
    QCOMPARE(first.json()[QStringLiteral("meta")].toObject()[QStringLiteral("total")].toInt(), 45);

    const auto last = m_client->get(path(id, QStringLiteral("?page=3&per_page=20")));
    QCOMPARE(last.status, 200);
    QCOMPARE(last.data().size(), 5);
    QCOMPARE(last.data().last().toObject()[QStringLiteral("id")].toString(), ids.first());
    QCOMPARE(last.json()[QStringLiteral("meta")].toObject()[QStringLiteral("page")].toInt(), 3);

    const auto big = m_client->get(path(id, QStringLiteral("?per_page=100")));
    QCOMPARE(big.data().size(), 45);

    const QJsonObject item = first.data().first().toObject();
    QCOMPARE(item[QStringLiteral("event")].toString(), QStringLiteral("survey.response.created"));
    QCOMPARE(item[QStringLiteral("status")].toString(), QStringLiteral("delivered"));
    QCOMPARE(item[QStringLiteral("http_status")].toInt(), 200);
    QCOMPARE(item[QStringLiteral("attempt_count")].toInt(), 1);
    QCOMPARE(item[QStringLiteral("created_at")].toString(), Rfc3339::format(kBaseTime + 44 * kMinute));
    QVERIFY(item[QStringLiteral("delivered_at")].isString());
}

void tst_DeliveriesApi::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("expected");
    // Seeded: minute 0..9 delivered, 10..14 failed, 15..19 pending.
    QTest::newRow("all") << QString() << 20;
    QTest::newRow("delivered") << QStringLiteral("status=delivered") << 10;
    QTest::newRow("failed") << QStringLiteral("status=failed") << 5;
    QTest::newRow("pending") << QStringLiteral("status=pending") << 5;
    QTest::newRow("from inclusive") << QStringLiteral("from=2026-06-07T10:10:00Z") << 10;
    QTest::newRow("to inclusive") << QStringLiteral("to=2026-06-07T10:04:00Z") << 5;
    QTest::newRow("window") << QStringLiteral("from=2026-06-07T10:08:00Z&to=2026-06-07T10:11:00Z") << 4;
    QTest::newRow("window + status") << QStringLiteral("from=2026-06-07T10:08:00Z&to=2026-06-07T10:11:00Z&status=failed") << 2;
    QTest::newRow("offset form") << QStringLiteral("from=2026-06-07T12:15:00%2B02:00") << 5;
    QTest::newRow("nothing in window") << QStringLiteral("from=2027-01-01T00:00:00Z") << 0;
}

void tst_DeliveriesApi::filters()
{
    QFETCH(QString, query);
    QFETCH(int, expected);
    const QString id = createEndpoint(false);
    for (int i = 0; i < 20; ++i) {
        const DeliveryStatus status = i < 10 ? DeliveryStatus::Delivered : i < 15 ? DeliveryStatus::Failed : DeliveryStatus::Pending;
        m_seeder->addDelivery(id, kBaseTime + i * kMinute, status, status == DeliveryStatus::Delivered ? 1 : 2,
                              status == DeliveryStatus::Delivered ? 200 : 500);
    }
    const auto reply = m_client->get(path(id, QStringLiteral("?per_page=100&") + query));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.data().size(), expected);
    QCOMPARE(reply.json()[QStringLiteral("meta")].toObject()[QStringLiteral("total")].toInt(), expected);
    const QUrlQuery parsed(query);
    for (const QJsonValue &value : reply.data()) {
        const QJsonObject item = value.toObject();
        if (parsed.hasQueryItem(QStringLiteral("status")))
            QCOMPARE(item[QStringLiteral("status")].toString(), parsed.queryItemValue(QStringLiteral("status")));
        if (item[QStringLiteral("status")].toString() != QLatin1String("delivered"))
            QVERIFY(item[QStringLiteral("delivered_at")].isNull());
    }
}

void tst_DeliveriesApi::rejectsBadQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("page 0") << QStringLiteral("page=0") << QStringLiteral("page");
    QTest::newRow("page words") << QStringLiteral("page=two") << QStringLiteral("page");
    QTest::newRow("page past end") << QStringLiteral("page=9") << QStringLiteral("page");
    QTest::newRow("per_page 0") << QStringLiteral("per_page=0") << QStringLiteral("per_page");
    QTest::newRow("per_page 101") << QStringLiteral("per_page=101") << QStringLiteral("per_page");
    QTest::newRow("status") << QStringLiteral("status=lost") << QStringLiteral("status");
    QTest::newRow("from") << QStringLiteral("from=yesterday") << QStringLiteral("from");
    QTest::newRow("to date only") << QStringLiteral("to=2026-06-07") << QStringLiteral("to");
    QTest::newRow("from after to") << QStringLiteral("from=2026-06-08T00:00:00Z&to=2026-06-07T00:00:00Z") << QStringLiteral("from");
    QTest::newRow("misspelt") << QStringLiteral("stauts=failed") << QStringLiteral("stauts");
    // Two values would leave it to chance which one filters.
    QTest::newRow("status twice") << QStringLiteral("status=failed&status=delivered") << QStringLiteral("\"status\"");
    QTest::newRow("per_page twice") << QStringLiteral("per_page=1&per_page=50") << QStringLiteral("\"per_page\"");
    QTest::newRow("to twice") << QStringLiteral("to=2026-06-07T10:00:00Z&to=2026-06-08T10:00:00Z") << QStringLiteral("\"to\"");
    // Within one second, but at the precision written "from" is still after all "to" covers.
    QTest::newRow("from after to, tenths") << QStringLiteral("from=2026-06-07T10:00:00.600Z&to=2026-06-07T10:00:00.5Z") << QStringLiteral("from");
}

void tst_DeliveriesApi::rejectsBadQuery()
{
    QFETCH(QString, query);
    QFETCH(QString, mentions);
    const QString id = createEndpoint(false);
    m_seeder->addDelivery(id, kBaseTime, DeliveryStatus::Delivered);
    const auto reply = m_client->get(path(id, QLatin1Char('?') + query));
    QCOMPARE(reply.status, 422);
    QVERIFY2(reply.errorMessage().contains(mentions), qPrintable(reply.errorMessage()));
}

void tst_DeliveriesApi::toTakesInTheSecondTheApiShows()
{
    const QString id = createEndpoint(false);
    // Stored to the millisecond, shown to the second: late in its second is where "to" used to miss.
    const QString late = m_seeder->addDelivery(id, kBaseTime + 750, DeliveryStatus::Delivered);
    const QString before = m_seeder->addDelivery(id, kBaseTime - 1, DeliveryStatus::Delivered);
    const QString after = m_seeder->addDelivery(id, kBaseTime + 1000, DeliveryStatus::Delivered);
    QString shown;
    for (const QJsonValue &item : m_client->get(path(id)).data()) {
        if (item[QStringLiteral("id")].toString() == late)
            shown = item[QStringLiteral("created_at")].toString();
    }
    QCOMPARE(shown, QStringLiteral("2026-06-07T10:00:00Z"));
    const QString at = QString::fromLatin1(QUrl::toPercentEncoding(shown));

    const auto upTo = m_client->get(path(id, QStringLiteral("?to=") + at));
    QCOMPARE(upTo.status, 200);
    QStringList ids;
    for (const QJsonValue &item : upTo.data())
        ids.append(item[QStringLiteral("id")].toString());
    QCOMPARE(ids, (QStringList{late, before}));

    const auto thatSecond = m_client->get(path(id, QStringLiteral("?from=%1&to=%1").arg(at)));
    QCOMPARE(thatSecond.status, 200);
    QCOMPARE(thatSecond.data().size(), 1);
    QCOMPARE(thatSecond.data().first()[QStringLiteral("id")].toString(), late);
    QVERIFY(!thatSecond.body.contains(after.toUtf8()));
}

void tst_DeliveriesApi::windowAtThePrecisionWritten_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("expected"); // offsets in ms from 10:00:00, newest first
    // Seeded at 09:59:59.999 and at 10:00:00 plus 0, 250, 599, 600, 999 and 1000 ms.
    QTest::newRow("to, whole second") << QStringLiteral("to=2026-06-07T10:00:00Z") << QList<int>{999, 600, 599, 250, 0, -1};
    QTest::newRow("from = to, whole second") << QStringLiteral("from=2026-06-07T10:00:00Z&to=2026-06-07T10:00:00Z")
                                             << QList<int>{999, 600, 599, 250, 0};
    QTest::newRow("to, offset form") << QStringLiteral("to=2026-06-07T12:00:00%2B02:00") << QList<int>{999, 600, 599, 250, 0, -1};
    QTest::newRow("to, tenths") << QStringLiteral("to=2026-06-07T10:00:00.5Z") << QList<int>{599, 250, 0, -1};
    QTest::newRow("to, hundredths") << QStringLiteral("to=2026-06-07T10:00:00.25Z") << QList<int>{250, 0, -1};
    QTest::newRow("to, millis") << QStringLiteral("to=2026-06-07T10:00:00.599Z") << QList<int>{599, 250, 0, -1};
    QTest::newRow("to, micros") << QStringLiteral("to=2026-06-07T10:00:00.599999Z") << QList<int>{599, 250, 0, -1};
    QTest::newRow("from, millis") << QStringLiteral("from=2026-06-07T10:00:00.600Z") << QList<int>{1000, 999, 600};
    QTest::newRow("from = to, millis") << QStringLiteral("from=2026-06-07T10:00:00.250Z&to=2026-06-07T10:00:00.250Z") << QList<int>{250};
    QTest::newRow("from millis, to whole second") << QStringLiteral("from=2026-06-07T10:00:00.600Z&to=2026-06-07T10:00:00Z")
                                                  << QList<int>{999, 600};
}

void tst_DeliveriesApi::windowAtThePrecisionWritten()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, expected);
    const QString id = createEndpoint(false);
    QHash<QString, int> offsetOf;
    for (int offset : {-1, 0, 250, 599, 600, 999, 1000})
        offsetOf.insert(m_seeder->addDelivery(id, kBaseTime + offset, DeliveryStatus::Delivered), offset);
    const auto reply = m_client->get(path(id, QLatin1Char('?') + query));
    QCOMPARE(reply.status, 200);
    QList<int> offsets;
    for (const QJsonValue &item : reply.data())
        offsets.append(offsetOf.value(item[QStringLiteral("id")].toString(), -1000));
    QCOMPARE(offsets, expected);
}

void tst_DeliveriesApi::oneDeliveryWithAttempts()
{
    const QString id = createEndpoint(false);
    const QString deliveryId = m_seeder->addDelivery(id, kBaseTime, DeliveryStatus::Failed, 3, 503);
    const auto reply = m_client->get(path(id, QLatin1Char('/') + deliveryId));
    QCOMPARE(reply.status, 200);
    const QJsonObject json = reply.json();
    QCOMPARE(json[QStringLiteral("id")].toString(), deliveryId);
    QCOMPARE(json[QStringLiteral("status")].toString(), QStringLiteral("failed"));
    QCOMPARE(json[QStringLiteral("attempt_count")].toInt(), 3);
    const QJsonArray attempts = json[QStringLiteral("attempts")].toArray();
    QCOMPARE(attempts.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject attempt = attempts.at(i).toObject();
        QCOMPARE(attempt[QStringLiteral("attempt")].toInt(), i + 1);
        QCOMPARE(attempt[QStringLiteral("http_status")].toInt(), 503);
        QCOMPARE(attempt[QStringLiteral("duration_ms")].toInt(), 12);
        QCOMPARE(attempt[QStringLiteral("response_body")].toString(), QStringLiteral("ok"));
        QCOMPARE(attempt[QStringLiteral("started_at")].toString(), Rfc3339::format(kBaseTime + (i + 1) * 1000));
    }
}

void tst_DeliveriesApi::retryFailed()
{
    const QString id = createEndpoint(true);
    const QString deliveryId = m_seeder->addDelivery(id, kBaseTime, DeliveryStatus::Failed, 2, 500);
    const auto reply = m_client->post(path(id, QLatin1Char('/') + deliveryId + QStringLiteral("/retry")));
    QCOMPARE(reply.status, 202);
    QCOMPARE(reply.json()[QStringLiteral("id")].toString(), deliveryId);
    QCOMPARE(reply.json()[QStringLiteral("status")].toString(), QStringLiteral("pending"));
    // The retry really goes out: http://127.0.0.1:9 refuses, so a third attempt is recorded.
    QTRY_COMPARE_WITH_TIMEOUT(m_client->get(path(id, QLatin1Char('/') + deliveryId)).json()[QStringLiteral("attempt_count")].toInt(), 3, 5000);
}

void tst_DeliveriesApi::retryDeliveredIsConflict()
{
    const QString id = createEndpoint(true);
    const QString deliveryId = m_seeder->addDelivery(id, kBaseTime, DeliveryStatus::Delivered);
    const auto reply = m_client->post(path(id, QLatin1Char('/') + deliveryId + QStringLiteral("/retry")));
    QCOMPARE(reply.status, 409);
    QVERIFY(reply.errorMessage().contains(QLatin1String("already delivered")));
}

void tst_DeliveriesApi::retryUnknownOrForeignIs404()
{
    const QString id = createEndpoint(false);
    const QString other = createEndpoint(false);
    const QString foreign = m_seeder->addDelivery(other, kBaseTime, DeliveryStatus::Failed);
    QCOMPARE(m_client->post(path(id, QStringLiteral("/del_nothing/retry"))).status, 404);
    QCOMPARE(m_client->post(path(id, QLatin1Char('/') + foreign + QStringLiteral("/retry"))).status, 404);
    QCOMPARE(m_client->get(path(id, QLatin1Char('/') + foreign)).status, 404);
}

void tst_DeliveriesApi::retryOnDisabledEndpointIsConflict()
{
    const QString id = createEndpoint(false);
    const QString deliveryId = m_seeder->addDelivery(id, kBaseTime, DeliveryStatus::Failed);
    const auto reply = m_client->post(path(id, QLatin1Char('/') + deliveryId + QStringLiteral("/retry")));
    QCOMPARE(reply.status, 409);
    QVERIFY(reply.errorMessage().contains(QLatin1String("disabled")));
}

void tst_DeliveriesApi::testEvent()
{
    const QString id = createEndpoint(true);
    const auto reply = m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/test"),
                                      Body{{QStringLiteral("event"), QStringLiteral("feedback.ticket.created")}});
    QCOMPARE(reply.status, 202);
    const QJsonObject delivery = reply.json();
    QVERIFY(delivery[QStringLiteral("id")].toString().startsWith(QLatin1String("del_")));
    QVERIFY(delivery[QStringLiteral("event_id")].toString().startsWith(QLatin1String("evt_")));
    QCOMPARE(delivery[QStringLiteral("event")].toString(), QStringLiteral("feedback.ticket.created"));
    QCOMPARE(delivery[QStringLiteral("test")].toBool(), true);
    const auto history = m_client->get(path(id));
    QCOMPARE(history.data().size(), 1);
    QCOMPARE(history.data().first().toObject()[QStringLiteral("id")].toString(), delivery[QStringLiteral("id")].toString());
}

void tst_DeliveriesApi::testEventRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("unknown event") << QByteArray(R"({"event":"survey.deleted"})") << 422;
    QTest::newRow("missing event") << QByteArray(R"({})") << 422;
    QTest::newRow("event not string") << QByteArray(R"({"event":7})") << 400;
    QTest::newRow("extra field") << QByteArray(R"({"event":"survey.response.created","data":{}})") << 422;
    QTest::newRow("not json") << QByteArray("event=survey.response.created") << 400;
}

void tst_DeliveriesApi::testEventRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const QString id = createEndpoint(true);
    const auto reply = m_client->send("POST", QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/test"), body,
                                      {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.errorMessage().isEmpty());
    QCOMPARE(m_client->get(path(id)).data().size(), 0);
}

QTEST_GUILESS_MAIN(tst_DeliveriesApi)
#include "tst_deliveriesapi.moc"
