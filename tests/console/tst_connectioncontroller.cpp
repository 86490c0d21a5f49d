#include "ApiTestClient.h"
#include "ConnectionController.h"
#include "DeliveryHistoryPanel.h"
#include "DeliveryTableModel.h"
#include "EndpointTableModel.h"
#include "HistorySeeder.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "RemoteServerDialog.h"
#include "TestServer.h"
#include "VisibleChild.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Remote server profiles in the real main window: two real in-process servers, the dialog
// that adds them, the session's real Secret Service for their tokens.
class tst_ConnectionController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestServer> m_alpha;
    std::unique_ptr<TestServer> m_beta;
    QString m_alphaEndpoint;
    QString m_betaEndpoint;
    std::unique_ptr<MainWindow> m_window;
    ConnectionController *m_controller = nullptr;

    QString connectionText() { return m_window->findChild<QLabel *>(QStringLiteral("connectionLabel"))->text(); }
    QString versionText() { return m_window->findChild<QLabel *>(QStringLiteral("versionLabel"))->text(); }

    static QString createEndpoint(TestServer &server, const QString &url)
    {
        ApiTestClient client(server.url(QString()), server.token());
        return client
            .post(QStringLiteral("/api/integrations/webhooks"),
                  {{QStringLiteral("url"), url}, {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
            .json()
            .value(QStringLiteral("id"))
            .toString();
    }
    QStringList shownEndpoints() const
    {
        QStringList ids;
        for (int row = 0; row < m_window->endpointModel()->rowCount(); ++row)
            ids.append(m_window->endpointModel()->endpoint(row).id);
        return ids;
    }
    QAction *profileAction(const QString &name)
    {
        for (QAction *action : m_window->findChild<QMenu *>(QStringLiteral("profileMenu"))->actions())
            if (action->text() == name)
                return action;
        return nullptr;
    }
    // Fills in Server > Add Remote Server… as a user would; returns the new profile's id.
    QString addThroughDialog(const QString &name, TestServer &server)
    {
        const qsizetype before = m_controller->profiles().all().size();
        m_window->findChild<QAction *>(QStringLiteral("actionAddServer"))->trigger();
        RemoteServerDialog *dialog = nullptr;
        [&] { QTRY_VERIFY((dialog = visibleChild<RemoteServerDialog>(m_window.get()))); }();
        if (!dialog)
            return {};
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), name);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), server.url(QString()).toString());
        if (ok->isEnabled()) // a token is required
            return {};
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit")), QString::fromLatin1(server.token()));
        QTest::mouseClick(ok, Qt::LeftButton);
        if (m_controller->profiles().all().size() != before + 1)
            return {};
        return m_controller->profiles().all().last().id;
    }
    std::optional<QString> keychainToken(const QString &profileId)
    {
        bool done = false;
        std::optional<QString> token;
        m_window->vault()->readToken(profileId, this, [&](const std::optional<QString> &value, const QString &) {
            token = value;
            done = true;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
        return token;
    }
    void waitUntilShowing(const QString &serverName, const QString &endpointId)
    {
        QTRY_COMPARE_WITH_TIMEOUT(shownEndpoints(), QStringList{endpointId}, 10000);
        QTRY_VERIFY(connectionText().contains(QStringLiteral("Connected to ") + serverName));
        QTRY_COMPARE(versionText(), QStringLiteral("Server 0.1.0"));
        QTRY_COMPARE(m_window->historyPanel()->endpointId(), endpointId);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectioncontroller"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        m_alpha = std::make_unique<TestServer>();
        m_beta = std::make_unique<TestServer>();
        QVERIFY(m_alpha->start());
        QVERIFY(m_beta->start());
        m_alphaEndpoint = createEndpoint(*m_alpha, QStringLiteral("https://alpha.example.com/hook"));
        m_betaEndpoint = createEndpoint(*m_beta, QStringLiteral("https://beta.example.com/hook"));
        m_window = std::make_unique<MainWindow>();
        m_controller = new ConnectionController(m_window->vault(), m_window.get());
        m_window->setConnectionController(m_controller);
        m_window->setHealthCheckInterval(300);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        // Leave no tokens behind in the session's keychain. Straight through the vault: removing
        // the current profile would fall back to starting the bundled server.
        int pending = 0;
        for (const ServerProfile &profile : m_controller->profiles().all()) {
            if (profile.isLocal())
                continue;
            ++pending;
            m_window->vault()->removeToken(profile.id, this, [&pending](const QString &) { --pending; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 10000);
        m_window.reset();
        m_alpha.reset();
        m_beta.reset();
    }

    void addedServerIsManagedWithItsTokenInTheKeychain()
    {
        const QString alpha = addThroughDialog(QStringLiteral("Alpha"), *m_alpha);
        QVERIFY(!alpha.isEmpty());
        waitUntilShowing(QStringLiteral("Alpha"), m_alphaEndpoint);
        QCOMPARE(keychainToken(alpha), std::optional<QString>(QString::fromLatin1(m_alpha->token())));
        QVERIFY(profileAction(QStringLiteral("Alpha")));
        QVERIFY(profileAction(QStringLiteral("Alpha"))->isChecked());
        // Nothing but the URL and the name reaches the settings file.
        QSettings settings;
        settings.sync();
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(QString::fromLatin1(m_alpha->token())), qPrintable(key));
    }

    void switchingProfilesReloadsEverything()
    {
        const QString alpha = addThroughDialog(QStringLiteral("Alpha"), *m_alpha);
        waitUntilShowing(QStringLiteral("Alpha"), m_alphaEndpoint);
        const QString beta = addThroughDialog(QStringLiteral("Beta"), *m_beta);
        QVERIFY(!beta.isEmpty());
        waitUntilShowing(QStringLiteral("Beta"), m_betaEndpoint);

        profileAction(QStringLiteral("Alpha"))->trigger();
        waitUntilShowing(QStringLiteral("Alpha"), m_alphaEndpoint);
        QVERIFY(profileAction(QStringLiteral("Alpha"))->isChecked());
        QVERIFY(!profileAction(QStringLiteral("Beta"))->isChecked());
        QCOMPARE(ServerProfiles().currentId(), alpha); // the next start opens Alpha again

        profileAction(QStringLiteral("Beta"))->trigger();
        waitUntilShowing(QStringLiteral("Beta"), m_betaEndpoint);
    }

    void lostServerIsReportedAndFoundAgain()
    {
        QVERIFY(!addThroughDialog(QStringLiteral("Alpha"), *m_alpha).isEmpty());
        waitUntilShowing(QStringLiteral("Alpha"), m_alphaEndpoint);
        m_window->findChild<QCheckBox *>(QStringLiteral("autoRefresh"))->setChecked(false);
        const int port = m_alpha->url(QString()).port();

        m_alpha->stop();
        QTRY_VERIFY_WITH_TIMEOUT(connectionText().contains(QStringLiteral("Cannot reach")), 5000);
        QVERIFY(connectionText().contains(QStringLiteral("retrying")));
        QVERIFY(versionText().isEmpty());
        QVERIFY(m_window->banner()->text().isEmpty()); // reported in the status bar, not as a pile of errors
        QCOMPARE(shownEndpoints(), QStringList{m_alphaEndpoint}); // what was shown stays
        // History written while the server was away: only a reload after reconnecting shows it,
        // since auto-refresh is paused.
        const QString missed = HistorySeeder(m_alpha->dataDir())
                                   .addDelivery(m_alphaEndpoint, QDateTime::currentMSecsSinceEpoch(),
                                                DeliveryStatus::Failed, 1, 500);

        m_alpha->config().port = quint16(port);
        QVERIFY(m_alpha->start());
        QTRY_VERIFY_WITH_TIMEOUT(connectionText().contains(QStringLiteral("Connected to Alpha")), 5000);
        QTRY_COMPARE(versionText(), QStringLiteral("Server 0.1.0"));
        DeliveryTableModel *history = m_window->historyPanel()->model();
        QTRY_VERIFY_WITH_TIMEOUT(history->rowCount() == 1 && history->delivery(0).id == missed, 5000);
    }

    void removingAProfileRemovesItsToken()
    {
        const QString alpha = addThroughDialog(QStringLiteral("Alpha"), *m_alpha);
        waitUntilShowing(QStringLiteral("Alpha"), m_alphaEndpoint);
        const QString beta = addThroughDialog(QStringLiteral("Beta"), *m_beta);
        waitUntilShowing(QStringLiteral("Beta"), m_betaEndpoint);
        QVERIFY(keychainToken(beta).has_value());
        profileAction(QStringLiteral("Alpha"))->trigger();
        waitUntilShowing(QStringLiteral("Alpha"), m_alphaEndpoint);

        m_controller->removeProfile(beta);
        QVERIFY(!profileAction(QStringLiteral("Beta")));
        QVERIFY(!ServerProfiles().find(beta));
        QTRY_VERIFY_WITH_TIMEOUT(!keychainToken(beta).has_value(), 10000);
        QCOMPARE(keychainToken(alpha), std::optional<QString>(QString::fromLatin1(m_alpha->token())));
        QVERIFY(connectionText().contains(QStringLiteral("Connected to Alpha")));
    }
};

QTEST_MAIN(tst_ConnectionController)
#include "tst_connectioncontroller.moc"
