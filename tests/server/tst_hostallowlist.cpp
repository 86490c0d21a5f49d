#include "HostAllowlist.h"
#include "RawHttpClient.h"
#include "TestServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// DNS-rebinding protection: on a loopback listener only the listen address, localhost and
// configured names are served, whatever the port; other listeners do not check.
class tst_HostAllowlist : public QObject
{
    Q_OBJECT
private slots:
    void decides_data();
    void decides();
    void serverRefusesForeignHostWith421();
};

void tst_HostAllowlist::decides_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    const QString v4 = QStringLiteral("127.0.0.1");
    const QString v6 = QStringLiteral("::1");
    QTest::newRow("address with port") << v4 << QStringList() << QByteArray("127.0.0.1:8470") << true;
    QTest::newRow("address") << v4 << QStringList() << QByteArray("127.0.0.1") << true;
    QTest::newRow("localhost") << v4 << QStringList() << QByteArray("localhost:9999") << true;
    QTest::newRow("LOCALHOST.") << v4 << QStringList() << QByteArray("LOCALHOST.") << true;
    QTest::newRow("no Host header") << v4 << QStringList() << QByteArray() << true;
    QTest::newRow("rebinding name") << v4 << QStringList() << QByteArray("evil.example:8470") << false;
    QTest::newRow("name ending in the address") << v4 << QStringList() << QByteArray("127.0.0.1.evil.example") << false;
    QTest::newRow("localhost as a subdomain") << v4 << QStringList() << QByteArray("localhost.evil.example") << false;
    QTest::newRow("other loopback address") << v4 << QStringList() << QByteArray("127.0.0.2:8470") << false;
    QTest::newRow("configured name") << v4 << QStringList{QStringLiteral("ENA.internal")} << QByteArray("ena.internal:443") << true;
    QTest::newRow("ipv6 listener, bracketed") << v6 << QStringList() << QByteArray("[::1]:8470") << true;
    QTest::newRow("ipv6 listener, foreign") << v6 << QStringList() << QByteArray("[::2]:8470") << false;
    QTest::newRow("ipv6 listener, unclosed bracket") << v6 << QStringList() << QByteArray("[::1") << false;
    QTest::newRow("public listener does not check") << QStringLiteral("0.0.0.0") << QStringList() << QByteArray("anything.example") << true;
    QTest::newRow("lan listener does not check") << QStringLiteral("192.168.1.10") << QStringList() << QByteArray("anything.example") << true;
}

void tst_HostAllowlist::decides()
{
    QFETCH(QString, listen);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    QCOMPARE(HostAllowlist(QHostAddress(listen), extra).allows(host), allowed);
}

void tst_HostAllowlist::serverRefusesForeignHostWith421()
{
    TestServer server([](ServerConfig &c) { c.allowedHosts = {QStringLiteral("ena.local")}; });
    QVERIFY(server.start());
    const auto ask = [&server](const QByteArray &host) {
        RawHttpClient client(server.server().port());
        if (!client.waitForConnected())
            return std::optional<RawHttpClient::Response>();
        client.send("GET /api/integrations/webhooks HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                    + server.token() + "\r\n\r\n");
        return client.waitForResponse();
    };
    const auto refused = ask("attacker.example:" + QByteArray::number(server.server().port()));
    QVERIFY(refused);
    QCOMPARE(refused->status, 421);
    const QJsonObject error = QJsonDocument::fromJson(refused->body).object()[QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("code")].toString(), QStringLiteral("misdirected_request"));
    QVERIFY(error[QStringLiteral("message")].toString().contains(QLatin1String("--allowed-host")));
    for (const QByteArray &host : {QByteArray("ena.local:1234"), QByteArray("localhost"), QByteArray("127.0.0.1:80")}) {
        const auto served = ask(host);
        QVERIFY(served);
        QCOMPARE(served->status, 200);
    }
}

QTEST_GUILESS_MAIN(tst_HostAllowlist)
#include "tst_hostallowlist.moc"
