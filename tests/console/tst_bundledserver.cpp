#include "ApiClient.h"
#include "BundledServer.h"
#include "SecretVault.h"
#include "ServerProfile.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// Starts the real ena-webhooks-server binary as the console does for "This computer".
class tst_BundledServer : public QObject
{
    Q_OBJECT

    SecretVault m_vault;
    QTemporaryDir m_dataDir;

    std::unique_ptr<BundledServer> makeServer()
    {
        auto server = std::make_unique<BundledServer>(&m_vault);
        server->setProgram(QStringLiteral(ENA_SERVER_BINARY));
        server->setDataDir(m_dataDir.filePath(QStringLiteral("server")));
        return server;
    }

    static bool call(const std::function<void(ApiClient &, std::function<void()>, ApiClient::ErrorCallback)> &request,
                     const QUrl &base, const QByteArray &token)
    {
        ApiClient api;
        api.setConnection(base, token);
        std::optional<bool> ok;
        request(api, [&] { ok = true; }, [&](const ApiFailure &) { ok = false; });
        (void)QTest::qWaitFor([&] { return ok.has_value(); }, 5000);
        return ok.value_or(false);
    }

private slots:
    void startsAnnouncesAndStops()
    {
        auto server = makeServer();
        QSignalSpy ready(server.get(), &BundledServer::ready);
        QSignalSpy failed(server.get(), &BundledServer::failed);
        server->start();
        QVERIFY(ready.wait(15000));
        QCOMPARE(failed.count(), 0);
        const QUrl base = ready.at(0).at(0).toUrl();
        const QByteArray token = ready.at(0).at(1).toByteArray();
        QCOMPARE(base.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(base.port() > 0);
        QVERIFY(token.size() >= 32);
        QVERIFY(server->isRunning());

        // The token the server was given in its environment is the one it accepts.
        QVERIFY(call([](ApiClient &api, auto ok, auto err) { api.listEndpoints(&api, [ok](const auto &) { ok(); }, err); }, base, token));
        QVERIFY(!call([](ApiClient &api, auto ok, auto err) { api.listEndpoints(&api, [ok](const auto &) { ok(); }, err); }, base, "wrong"));

        server->stop();
        QVERIFY(!server->isRunning());
        QCOMPARE(failed.count(), 0); // a requested stop is not a failure
        QVERIFY(!call([](ApiClient &api, auto ok, auto err) { api.health(&api, [ok](const auto &) { ok(); }, err); }, base, token));
    }

    void tokenIsGeneratedOnceAndKeptInTheKeychain()
    {
        QByteArray firstToken;
        QUrl firstBase;
        {
            auto server = makeServer();
            QSignalSpy ready(server.get(), &BundledServer::ready);
            server->start();
            QVERIFY(ready.wait(15000));
            firstBase = ready.at(0).at(0).toUrl();
            firstToken = ready.at(0).at(1).toByteArray();
            QVERIFY(call([](ApiClient &api, auto ok, auto err) {
                api.createEndpoint(QStringLiteral("https://hooks.example.com/"), {QStringLiteral("*")}, true, &api,
                                   [ok](const auto &, const auto &) { ok(); }, err);
            }, firstBase, firstToken));
        } // destroyed: stops the child

        std::optional<QString> stored;
        bool read = false;
        m_vault.readToken(ServerProfile::localId(), this, [&](const std::optional<QString> &token, const QString &) {
            stored = token;
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 10000);
        QCOMPARE(stored.value_or(QString()).toUtf8(), firstToken);

        auto again = makeServer();
        QSignalSpy ready(again.get(), &BundledServer::ready);
        again->start();
        QVERIFY(ready.wait(15000));
        QCOMPARE(ready.at(0).at(1).toByteArray(), firstToken);
        // Same data directory: what the first run created is still there.
        ApiClient api;
        api.setConnection(ready.at(0).at(0).toUrl(), firstToken);
        std::optional<QList<EndpointInfo>> endpoints;
        api.listEndpoints(this, [&](const QList<EndpointInfo> &list) { endpoints = list; });
        QTRY_VERIFY(endpoints.has_value());
        QCOMPARE(endpoints->size(), 1);
    }

    void missingBinaryIsReported()
    {
        auto server = makeServer();
        server->setProgram(m_dataDir.filePath(QStringLiteral("no-such-server")));
        QSignalSpy failed(server.get(), &BundledServer::failed);
        server->start();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("no-such-server")));
    }

    void secondServerOnTheSameDataDirSaysWhichIsRunning()
    {
        // Two consoles on one account, or a console whose earlier server outlived it.
        auto first = makeServer();
        QSignalSpy firstReady(first.get(), &BundledServer::ready);
        first->start();
        QVERIFY(firstReady.wait(15000));

        auto second = makeServer();
        QSignalSpy secondReady(second.get(), &BundledServer::ready);
        QSignalSpy failed(second.get(), &BundledServer::failed);
        second->start();
        QVERIFY(failed.wait(15000));
        QCOMPARE(secondReady.count(), 0);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("pid %1").arg(first->processId())), qPrintable(message));
        QVERIFY2(message.contains(first->baseUrl().toString()), qPrintable(message));
        QVERIFY(first->isRunning()); // the first one serves on

        // Stopped, the first one lets the next start on the same directory at once.
        first->stop();
        QSignalSpy again(second.get(), &BundledServer::ready);
        second->start();
        QVERIFY(again.wait(15000));
    }

    void unexpectedExitIsReported()
    {
        auto server = makeServer();
        QSignalSpy ready(server.get(), &BundledServer::ready);
        QSignalSpy failed(server.get(), &BundledServer::failed);
        server->start();
        QVERIFY(ready.wait(15000));
        ::kill(pid_t(server->processId()), SIGKILL);
        QVERIFY(failed.wait(10000));
    }
};

QTEST_GUILESS_MAIN(tst_BundledServer)
#include "tst_bundledserver.moc"
