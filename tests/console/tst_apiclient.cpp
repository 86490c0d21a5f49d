#include "ApiClient.h"
#include "EnaVersion.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

// The console's client against a real in-process server (and a scripted receiver for the
// transport edge cases).
class tst_ApiClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiClient> m_api;

    EndpointInfo create(const QString &url, const QStringList &events, bool enabled, QString *secret = nullptr)
    {
        std::optional<EndpointInfo> created;
        m_api->createEndpoint(url, events, enabled, this, [&](const EndpointInfo &endpoint, const QString &s) {
            created = endpoint;
            if (secret)
                *secret = s;
        });
        [&] { QTRY_VERIFY(created.has_value()); }();
        return created.value_or(EndpointInfo());
    }

    std::optional<ApiFailure> failureOf(const std::function<void(ApiClient::ErrorCallback)> &call)
    {
        std::optional<ApiFailure> failure;
        call([&](const ApiFailure &f) { failure = f; });
        [&] { QTRY_VERIFY(failure.has_value()); }();
        return failure;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        m_api = std::make_unique<ApiClient>();
        m_api->setConnection(m_server->url(QString()), m_server->token());
    }
    void cleanup()
    {
        m_api.reset();
        m_server.reset();
    }

    void healthReportsVersion()
    {
        std::optional<QString> version;
        m_api->health(this, [&](const QString &v) { version = v; });
        QTRY_VERIFY(version.has_value());
        QCOMPARE(*version, QStringLiteral(ENA_WEBHOOKS_VERSION));
    }

    void eventTypesComeFromTheCatalog()
    {
        std::optional<QList<EventTypeInfo>> types;
        m_api->listEventTypes(this, [&](const QList<EventTypeInfo> &t) { types = t; });
        QTRY_VERIFY(types.has_value());
        QStringList names;
        for (const EventTypeInfo &type : *types)
            names.append(type.name);
        QVERIFY(names.contains(QStringLiteral("survey.response.created")));
        QVERIFY(names.contains(QStringLiteral("feedback.ticket.created")));
        QVERIFY(names.contains(QStringLiteral("hygiene.submission.created")));
        QVERIFY(!types->first().description.isEmpty());
    }

    void endpointLifecycle()
    {
        QString secret;
        const EndpointInfo created = create(QStringLiteral("https://hooks.example.com/ena"),
                                            {QStringLiteral("survey.response.created")}, true, &secret);
        QVERIFY(created.id.startsWith(QStringLiteral("whe_")));
        QVERIFY(secret.startsWith(QStringLiteral("whs_")));
        QCOMPARE(created.url, QStringLiteral("https://hooks.example.com/ena"));
        QVERIFY(created.createdAt.isValid());

        std::optional<QList<EndpointInfo>> listed;
        m_api->listEndpoints(this, [&](const QList<EndpointInfo> &l) { listed = l; });
        QTRY_VERIFY(listed.has_value());
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().id, created.id);

        std::optional<EndpointInfo> updated;
        m_api->updateEndpoint(created.id, {{QStringLiteral("enabled"), false}, {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}},
                              this, [&](const EndpointInfo &e) { updated = e; });
        QTRY_VERIFY(updated.has_value());
        QCOMPARE(updated->enabled, false);
        QVERIFY(updated->subscribesToAll());
        QCOMPARE(updated->url, created.url);

        std::optional<QString> rotated;
        m_api->rotateSecret(created.id, this, [&](const EndpointInfo &, const QString &s) { rotated = s; });
        QTRY_VERIFY(rotated.has_value());
        QVERIFY(rotated->startsWith(QStringLiteral("whs_")));
        QVERIFY(*rotated != secret);

        std::optional<QString> deleted;
        m_api->deleteEndpoint(created.id, this, [&](const QString &id) { deleted = id; });
        QTRY_VERIFY(deleted.has_value());
        QCOMPARE(*deleted, created.id);
        const auto gone = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->getEndpoint(created.id, this, [](const EndpointInfo &) {}, onError);
        });
        QCOMPARE(gone->httpStatus, 404);
        QCOMPARE(gone->code, QStringLiteral("not_found"));
    }

    void serverErrorsCarryTheServersMessage()
    {
        QSignalSpy failed(m_api.get(), &ApiClient::failed);
        const auto failure = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->createEndpoint(QStringLiteral("ftp://files.example.com/"), {QStringLiteral("*")}, true, this,
                                  [](const EndpointInfo &, const QString &) {}, onError);
        });
        QCOMPARE(failure->httpStatus, 422);
        QVERIFY2(failure->message.contains(QStringLiteral("url")), qPrintable(failure->message));
        QVERIFY(!failure->transport);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failure->describe().contains(failure->message));
    }

    void wrongTokenIs401()
    {
        m_api->setConnection(m_server->url(QString()), "not-the-token");
        const auto failure = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->listEndpoints(this, [](const QList<EndpointInfo> &) {}, onError);
        });
        QCOMPARE(failure->httpStatus, 401);
        QVERIFY(!failure->message.isEmpty());
    }

    void deliveriesWithFiltersAndAttempts()
    {
        TestReceiver receiver;
        receiver.setDefault(TestReceiver::respond(204));
        const EndpointInfo endpoint = create(receiver.url().toString(), {QStringLiteral("*")}, true);
        std::optional<DeliveryInfo> queued;
        m_api->sendTestEvent(endpoint.id, QStringLiteral("feedback.ticket.created"), this,
                             [&](const DeliveryInfo &d) { queued = d; });
        QTRY_VERIFY(queued.has_value());
        QVERIFY(queued->id.startsWith(QStringLiteral("del_")));
        QVERIFY(queued->test);
        QCOMPARE(queued->event, QStringLiteral("feedback.ticket.created"));
        QVERIFY(receiver.waitForRequests(1));

        std::optional<DeliveryInfo> loaded;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     loaded.reset();
                                     m_api->getDelivery(endpoint.id, queued->id, this, [&](const DeliveryInfo &d) { loaded = d; });
                                     (void)QTest::qWaitFor([&] { return loaded.has_value(); }, 2000);
                                     return loaded && loaded->status == DeliveryInfo::Status::Delivered;
                                 }()),
                                 5000);
        QCOMPARE(loaded->httpStatus.value_or(0), 204);
        QVERIFY(loaded->deliveredAt.isValid());
        QCOMPARE(loaded->attempts.size(), 1);
        QCOMPARE(loaded->attempts.first().httpStatus.value_or(0), 204);

        QSignalSpy sent(m_api.get(), &ApiClient::requestSent);
        DeliveryFilter filter;
        filter.status = DeliveryInfo::Status::Failed;
        filter.perPage = 5;
        std::optional<DeliveryListPage> page;
        m_api->listDeliveries(endpoint.id, filter, this, [&](const DeliveryListPage &p) { page = p; });
        QTRY_VERIFY(page.has_value());
        QCOMPARE(page->total, 0);
        QCOMPARE(page->perPage, 5);
        QCOMPARE(sent.count(), 1);
        const QUrlQuery query(sent.at(0).at(1).toUrl());
        QCOMPARE(query.queryItemValue(QStringLiteral("status")), QStringLiteral("failed"));
        QCOMPARE(query.queryItemValue(QStringLiteral("per_page")), QStringLiteral("5"));

        filter.status = DeliveryInfo::Status::Delivered;
        page.reset();
        m_api->listDeliveries(endpoint.id, filter, this, [&](const DeliveryListPage &p) { page = p; });
        QTRY_VERIFY(page.has_value());
        QCOMPARE(page->total, 1);
        QCOMPARE(page->deliveries.first().id, queued->id);

        const auto conflict = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->retryDelivery(endpoint.id, queued->id, this, [](const DeliveryInfo &) {}, onError);
        });
        QCOMPARE(conflict->httpStatus, 409);
    }

    void retryOfAFailedDeliveryIsQueued()
    {
        const EndpointInfo endpoint = create(QStringLiteral("http://127.0.0.1:9/"), {QStringLiteral("*")}, true);
        std::optional<DeliveryInfo> queued;
        m_api->sendTestEvent(endpoint.id, QStringLiteral("survey.response.created"), this,
                             [&](const DeliveryInfo &d) { queued = d; });
        QTRY_VERIFY(queued.has_value());
        DeliveryFilter failedOnly;
        failedOnly.status = DeliveryInfo::Status::Failed;
        std::optional<DeliveryListPage> page;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     page.reset();
                                     m_api->listDeliveries(endpoint.id, failedOnly, this, [&](const DeliveryListPage &p) { page = p; });
                                     (void)QTest::qWaitFor([&] { return page.has_value(); }, 2000);
                                     return page && page->total == 1;
                                 }()),
                                 10000);
        std::optional<DeliveryInfo> retried;
        m_api->retryDelivery(endpoint.id, queued->id, this, [&](const DeliveryInfo &d) { retried = d; });
        QTRY_VERIFY(retried.has_value());
        QCOMPARE(retried->id, queued->id);
    }

    void pagePastTheLastIs422()
    {
        const EndpointInfo endpoint = create(QStringLiteral("https://hooks.example.com/"), {QStringLiteral("*")}, true);
        DeliveryFilter filter;
        filter.page = 7;
        const auto failure = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->listDeliveries(endpoint.id, filter, this, [](const DeliveryListPage &) {}, onError);
        });
        QCOMPARE(failure->httpStatus, 422);
        QVERIFY(failure->message.contains(QStringLiteral("page")));
    }

    void hangingServerHitsTheDeadline()
    {
        TestReceiver receiver;
        receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Drip));
        m_api->setConnection(receiver.url(QString()), "token");
        m_api->setDeadline(1500);
        QElapsedTimer timer;
        timer.start();
        const auto failure = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->listEndpoints(this, [](const QList<EndpointInfo> &) {}, onError);
        });
        QVERIFY(failure->transport);
        QVERIFY2(timer.elapsed() < 4000, "the deadline is total, not inactivity");
        QVERIFY(failure->describe().contains(QStringLiteral("cannot reach")));
    }

    void redirectsAreNotFollowed()
    {
        TestReceiver receiver;
        receiver.setDefault(TestReceiver::respond(302, {}, {{"Location", "http://127.0.0.1:9/elsewhere"}}));
        m_api->setConnection(receiver.url(QString()), "token");
        const auto failure = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->listEndpoints(this, [](const QList<EndpointInfo> &) {}, onError);
        });
        QCOMPARE(failure->httpStatus, 302);
        QVERIFY(failure->message.contains(QStringLiteral("redirect")));
        QCOMPARE(receiver.count(), 1);
    }

    void unreachableServerIsATransportFailure()
    {
        m_api->setConnection(QUrl(QStringLiteral("http://127.0.0.1:9")), "token");
        const auto failure = failureOf([&](ApiClient::ErrorCallback onError) {
            m_api->health(this, [](const QString &) {}, onError);
        });
        QVERIFY(failure->transport);
        QCOMPARE(failure->httpStatus, 0);
    }

    void busyWhileRequestsAreInFlight()
    {
        QSignalSpy busy(m_api.get(), &ApiClient::busyChanged);
        bool done = false;
        m_api->health(this, [&](const QString &) { done = true; });
        QCOMPARE(m_api->pendingRequests(), 1);
        QTRY_VERIFY(done);
        QCOMPARE(m_api->pendingRequests(), 0);
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
    }

    void switchingServersDropsAnswersFromTheOldOne()
    {
        create(QStringLiteral("https://hooks.example.com/old"), {QStringLiteral("*")}, true);
        TestServer other;
        QVERIFY(other.start());
        bool answered = false;
        m_api->listEndpoints(
            this, [&](const QList<EndpointInfo> &) { answered = true; }, [&](const ApiFailure &) { answered = true; });
        QSignalSpy failed(m_api.get(), &ApiClient::failed);
        m_api->setConnection(other.url(QString()), other.token());
        QCOMPARE(m_api->pendingRequests(), 0); // abandoned at once, not after the deadline
        QTest::qWait(300);
        QVERIFY(!answered); // the old server's endpoints never reach the window of the new one
        QCOMPARE(failed.count(), 0);

        std::optional<QList<EndpointInfo>> listed;
        m_api->listEndpoints(this, [&](const QList<EndpointInfo> &endpoints) { listed = endpoints; });
        QTRY_VERIFY(listed.has_value());
        QVERIFY(listed->isEmpty());
    }

    void callbacksDoNotOutliveTheirContext()
    {
        auto context = std::make_unique<QObject>();
        bool called = false;
        m_api->health(context.get(), [&](const QString &) { called = true; });
        context.reset();
        QTRY_COMPARE(m_api->pendingRequests(), 0);
        QVERIFY(!called);
    }
};

QTEST_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
