#include "ApiTestClient.h"
#include "HistorySeeder.h"
#include "Rfc3339.h"
#include "TestServer.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using Body = QJsonObject;

class tst_EndpointsApi : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void createShowsSecretOnce();
    void listAndGetHideSecret();
    void createRejectsInvalid_data();
    void createRejectsInvalid();
    void createDefaultsToEnabled();
    void patchChangesOnlyGivenFields();
    void patchRejectsInvalidAndKeepsEndpoint();
    void patchAllEvents();
    void rotateSecret();
    void deleteRemovesEndpointAndHistory();
    void unknownIdIs404_data();
    void unknownIdIs404();
    void privateTargetIsSavedWithWarning_data();
    void privateTargetIsSavedWithWarning();

private:
    QString createEndpoint(const QStringList &events = {QStringLiteral("survey.response.created")});

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

namespace {
const QString kBase = QStringLiteral("/api/integrations/webhooks");

QJsonArray array(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}
} // namespace

void tst_EndpointsApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

void tst_EndpointsApi::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString tst_EndpointsApi::createEndpoint(const QStringList &events)
{
    const auto reply = m_client->post(kBase, Body{{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/ena")},
                                                  {QStringLiteral("events"), array(events)}});
    if (reply.status != 201)
        qWarning("create failed: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("id")).toString();
}

void tst_EndpointsApi::createShowsSecretOnce()
{
    const auto reply = m_client->post(kBase, Body{{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/enafeedback")},
                                                  {QStringLiteral("events"), array({QStringLiteral("survey.response.created"), QStringLiteral("hygiene.submission.created")})},
                                                  {QStringLiteral("enabled"), true}});
    QCOMPARE(reply.status, 201);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonObject json = reply.json();
    QCOMPARE(QStringList(json.keys()), QStringLiteral("created_at,enabled,events,id,secret,url").split(QLatin1Char(',')));
    QVERIFY(QRegularExpression(QStringLiteral("^whe_[0-9A-Za-z]{16,}$")).match(json[QStringLiteral("id")].toString()).hasMatch());
    const QString secret = json[QStringLiteral("secret")].toString();
    QVERIFY(secret.startsWith(QLatin1String("whs_")));
    QCOMPARE(QByteArray::fromBase64(secret.mid(4).toLatin1()).size(), 24);
    QCOMPARE(json[QStringLiteral("url")].toString(), QStringLiteral("https://hooks.example.com/enafeedback"));
    QCOMPARE(json[QStringLiteral("events")].toArray(), array({QStringLiteral("survey.response.created"), QStringLiteral("hygiene.submission.created")}));
    QCOMPARE(json[QStringLiteral("enabled")].toBool(), true);
    const auto created = Rfc3339::parse(json[QStringLiteral("created_at")].toString());
    QVERIFY(created);
    QVERIFY(qAbs(*created - Rfc3339::nowMs()) < 5000);
    QVERIFY(json[QStringLiteral("created_at")].toString().endsWith(QLatin1Char('Z')));

    // Two endpoints never share a secret.
    const auto second = m_client->post(kBase, Body{{QStringLiteral("url"), QStringLiteral("https://b.example.com/")},
                                                   {QStringLiteral("events"), array({QStringLiteral("*")})}});
    QVERIFY(second.json()[QStringLiteral("secret")].toString() != secret);
}

void tst_EndpointsApi::listAndGetHideSecret()
{
    const QString id = createEndpoint();
    const auto list = m_client->get(kBase);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.data().size(), 1);
    const QJsonObject listed = list.data().first().toObject();
    QCOMPARE(listed[QStringLiteral("id")].toString(), id);
    QVERIFY(!listed.contains(QStringLiteral("secret")));
    QVERIFY(!list.body.contains("whs_"));

    const auto one = m_client->get(kBase + QLatin1Char('/') + id);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json(), listed);
}

void tst_EndpointsApi::createRejectsInvalid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messageMentions");
    QTest::newRow("ftp url") << QByteArray(R"({"url":"ftp://x.example.com/","events":["*"]})") << 422 << QStringLiteral("url");
    QTest::newRow("relative url") << QByteArray(R"({"url":"/hook","events":["*"]})") << 422 << QStringLiteral("url");
    QTest::newRow("no host") << QByteArray(R"({"url":"http://","events":["*"]})") << 422 << QStringLiteral("url");
    QTest::newRow("url too long") << (R"({"url":"https://x.example.com/)" + QByteArray(2100, 'a') + R"(","events":["*"]})") << 422 << QStringLiteral("url");
    QTest::newRow("url not string") << QByteArray(R"({"url":42,"events":["*"]})") << 400 << QStringLiteral("url");
    QTest::newRow("url missing") << QByteArray(R"({"events":["*"]})") << 422 << QStringLiteral("url");
    QTest::newRow("events empty") << QByteArray(R"({"url":"https://x.example.com/","events":[]})") << 422 << QStringLiteral("events");
    QTest::newRow("events missing") << QByteArray(R"({"url":"https://x.example.com/"})") << 422 << QStringLiteral("events");
    QTest::newRow("unknown event") << QByteArray(R"({"url":"https://x.example.com/","events":["survey.deleted"]})") << 422 << QStringLiteral("feedback.ticket.created");
    QTest::newRow("star with others") << QByteArray(R"({"url":"https://x.example.com/","events":["*","survey.response.created"]})") << 422 << QStringLiteral("events");
    QTest::newRow("events not array") << QByteArray(R"({"url":"https://x.example.com/","events":"*"})") << 400 << QStringLiteral("events");
    QTest::newRow("event not string") << QByteArray(R"({"url":"https://x.example.com/","events":[1]})") << 400 << QStringLiteral("events");
    QTest::newRow("misspelt enabled") << QByteArray(R"({"url":"https://x.example.com/","events":["*"],"enabeld":false})") << 422 << QStringLiteral("enabeld");
    QTest::newRow("enabled not bool") << QByteArray(R"({"url":"https://x.example.com/","events":["*"],"enabled":"yes"})") << 400 << QStringLiteral("enabled");
    QTest::newRow("malformed json") << QByteArray(R"({"url":"https://x.example.com/",)") << 400 << QStringLiteral("JSON");
    QTest::newRow("array body") << QByteArray(R"(["*"])") << 400 << QStringLiteral("object");
    QTest::newRow("empty body") << QByteArray() << 400 << QStringLiteral("empty");
}

void tst_EndpointsApi::createRejectsInvalid()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, messageMentions);
    const auto reply = m_client->send("POST", kBase, body, {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.errorCode().isEmpty());
    QVERIFY2(reply.errorMessage().contains(messageMentions), qPrintable(reply.errorMessage()));
    // Nothing was created.
    QCOMPARE(m_client->get(kBase).data().size(), 0);
}

void tst_EndpointsApi::createDefaultsToEnabled()
{
    const auto reply = m_client->post(kBase, Body{{QStringLiteral("url"), QStringLiteral("http://x.example.com:8080/a?b=c")},
                                                  {QStringLiteral("events"), array({QStringLiteral("*")})}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json()[QStringLiteral("enabled")].toBool(), true);
    QCOMPARE(reply.json()[QStringLiteral("url")].toString(), QStringLiteral("http://x.example.com:8080/a?b=c"));
}

void tst_EndpointsApi::patchChangesOnlyGivenFields()
{
    const QString id = createEndpoint({QStringLiteral("survey.response.created"), QStringLiteral("feedback.ticket.created")});
    QCOMPARE(m_client->get(kBase).data().size(), 1); // the list is now built and kept
    const auto reply = m_client->patch(kBase + QLatin1Char('/') + id, Body{{QStringLiteral("enabled"), false}});
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.json().contains(QStringLiteral("secret")));
    QCOMPARE(reply.json()[QStringLiteral("enabled")].toBool(), false);
    QCOMPARE(reply.json()[QStringLiteral("url")].toString(), QStringLiteral("https://hooks.example.com/ena"));
    QCOMPARE(reply.json()[QStringLiteral("events")].toArray().size(), 2);

    const auto url = m_client->patch(kBase + QLatin1Char('/') + id, Body{{QStringLiteral("url"), QStringLiteral("https://new-url.example.com/hook")}});
    QCOMPARE(url.status, 200);
    const auto stored = m_client->get(kBase + QLatin1Char('/') + id).json();
    QCOMPARE(m_client->get(kBase).data().first().toObject(), stored); // the list shows the change too
    QCOMPARE(stored[QStringLiteral("url")].toString(), QStringLiteral("https://new-url.example.com/hook"));
    QCOMPARE(stored[QStringLiteral("enabled")].toBool(), false);
    QCOMPARE(stored[QStringLiteral("events")].toArray().size(), 2);
}

void tst_EndpointsApi::patchRejectsInvalidAndKeepsEndpoint()
{
    const QString id = createEndpoint();
    const QJsonObject before = m_client->get(kBase + QLatin1Char('/') + id).json();
    const auto bad = m_client->patch(kBase + QLatin1Char('/') + id, Body{{QStringLiteral("enabled"), false},
                                                                          {QStringLiteral("url"), QStringLiteral("gopher://x")}});
    QCOMPARE(bad.status, 422);
    QVERIFY(bad.errorMessage().contains(QLatin1String("url")));
    const auto typo = m_client->patch(kBase + QLatin1Char('/') + id, Body{{QStringLiteral("enabeld"), false}});
    QCOMPARE(typo.status, 422);
    QVERIFY(typo.errorMessage().contains(QLatin1String("enabeld")));
    QCOMPARE(m_client->get(kBase + QLatin1Char('/') + id).json(), before);
}

void tst_EndpointsApi::patchAllEvents()
{
    const QString id = createEndpoint();
    const auto reply = m_client->patch(kBase + QLatin1Char('/') + id, Body{{QStringLiteral("events"), array({QStringLiteral("*")})}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[QStringLiteral("events")].toArray(), array({QStringLiteral("*")}));
}

void tst_EndpointsApi::rotateSecret()
{
    const auto created = m_client->post(kBase, Body{{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/")},
                                                    {QStringLiteral("events"), array({QStringLiteral("*")})}});
    const QString id = created.json()[QStringLiteral("id")].toString();
    const auto rotated = m_client->post(kBase + QLatin1Char('/') + id + QStringLiteral("/rotate-secret"));
    QCOMPARE(rotated.status, 200);
    const QString secret = rotated.json()[QStringLiteral("secret")].toString();
    QVERIFY(secret.startsWith(QLatin1String("whs_")));
    QVERIFY(secret != created.json()[QStringLiteral("secret")].toString());
    QCOMPARE(rotated.json()[QStringLiteral("id")].toString(), id);
    QCOMPARE(rotated.json()[QStringLiteral("url")].toString(), QStringLiteral("https://hooks.example.com/"));
    // Shown only in the rotate answer.
    QVERIFY(!m_client->get(kBase + QLatin1Char('/') + id).body.contains(secret.toLatin1()));
}

void tst_EndpointsApi::deleteRemovesEndpointAndHistory()
{
    const QString id = createEndpoint();
    const QString keep = createEndpoint();
    HistorySeeder seeder(m_server->dataDir());
    seeder.addDelivery(id, Rfc3339::nowMs(), DeliveryStatus::Delivered);
    seeder.addDelivery(keep, Rfc3339::nowMs(), DeliveryStatus::Delivered);
    QCOMPARE(seeder.countDeliveries(id), 1);

    const auto reply = m_client->del(kBase + QLatin1Char('/') + id);
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(m_client->get(kBase + QLatin1Char('/') + id).status, 404);
    QCOMPARE(m_client->get(kBase + QLatin1Char('/') + id + QStringLiteral("/deliveries")).status, 404);
    QCOMPARE(seeder.countDeliveries(id), 0);
    QCOMPARE(seeder.countDeliveries(keep), 1);
    QCOMPARE(m_client->get(kBase).data().size(), 1);
    QCOMPARE(m_client->del(kBase + QLatin1Char('/') + id).status, 404);
}

void tst_EndpointsApi::unknownIdIs404_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("body"); // valid for the route, so only the id is wrong
    QTest::newRow("get") << QByteArray("GET") << QString() << QByteArray();
    QTest::newRow("patch") << QByteArray("PATCH") << QString() << QByteArray(R"({"enabled":false})");
    QTest::newRow("delete") << QByteArray("DELETE") << QString() << QByteArray();
    QTest::newRow("rotate") << QByteArray("POST") << QStringLiteral("/rotate-secret") << QByteArray();
    QTest::newRow("deliveries") << QByteArray("GET") << QStringLiteral("/deliveries") << QByteArray();
    QTest::newRow("test") << QByteArray("POST") << QStringLiteral("/test") << QByteArray(R"({"event":"survey.response.created"})");
}

void tst_EndpointsApi::unknownIdIs404()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QByteArray, body);
    const auto reply = m_client->send(method, kBase + QStringLiteral("/whe_doesnotexist") + suffix, body,
                                      {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
    QVERIFY(reply.errorMessage().contains(QLatin1String("whe_doesnotexist")));
}

void tst_EndpointsApi::privateTargetIsSavedWithWarning_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowPrivate");
    QTest::addColumn<QString>("warning"); // expected in the warning; empty: no warning
    QTest::newRow("loopback") << QStringLiteral("http://127.0.0.1:9/hook") << false << QStringLiteral("loopback");
    QTest::newRow("ipv6 loopback") << QStringLiteral("http://[::1]:9/hook") << false << QStringLiteral("loopback");
    QTest::newRow("mapped loopback") << QStringLiteral("http://[::ffff:127.0.0.1]/hook") << false << QStringLiteral("127.0.0.1");
    QTest::newRow("private") << QStringLiteral("https://10.1.2.3/hook") << false << QStringLiteral("private");
    QTest::newRow("cloud metadata") << QStringLiteral("http://169.254.169.254/latest") << false << QStringLiteral("link-local");
    QTest::newRow("localhost") << QStringLiteral("http://localhost:8080/hook") << false << QStringLiteral("loopback");
    QTest::newRow("sub.localhost") << QStringLiteral("http://api.localhost/hook") << false << QStringLiteral("loopback");
    QTest::newRow("public address") << QStringLiteral("https://93.184.216.34/hook") << false << QString();
    QTest::newRow("public name") << QStringLiteral("https://hooks.example.com/hook") << false << QString();
    QTest::newRow("loopback, flag given") << QStringLiteral("http://127.0.0.1:9/hook") << true << QString();
}

void tst_EndpointsApi::privateTargetIsSavedWithWarning()
{
    QFETCH(QString, url);
    QFETCH(bool, allowPrivate);
    QFETCH(QString, warning);
    m_server = std::make_unique<TestServer>([allowPrivate](ServerConfig &c) { c.allowPrivateNetwork = allowPrivate; });
    QVERIFY(m_server->start());
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
    const auto checkWarning = [&](const ApiTestClient::Reply &reply) {
        const QString text = reply.json()[QStringLiteral("warning")].toString();
        if (warning.isEmpty()) {
            QVERIFY2(!reply.json().contains(QStringLiteral("warning")), qPrintable(text));
            return;
        }
        QVERIFY2(text.contains(warning), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("--allow-private-network")));
    };

    const auto created = m_client->post(kBase, Body{{QStringLiteral("url"), url}, {QStringLiteral("events"), array({QStringLiteral("*")})}});
    QCOMPARE(created.status, 201);
    checkWarning(created);
    const QString id = created.json()[QStringLiteral("id")].toString();
    QCOMPARE(m_client->get(kBase + QLatin1Char('/') + id).json()[QStringLiteral("url")].toString(), url); // saved all the same

    QCOMPARE(m_client->patch(kBase + QLatin1Char('/') + id, Body{{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/x")}})
                 .json().contains(QStringLiteral("warning")), false);
    const auto patched = m_client->patch(kBase + QLatin1Char('/') + id, Body{{QStringLiteral("url"), url}});
    QCOMPARE(patched.status, 200);
    checkWarning(patched);
}

QTEST_GUILESS_MAIN(tst_EndpointsApi)
#include "tst_endpointsapi.moc"
