#include "ApiTestClient.h"
#include "DeliveryHistoryPanel.h"
#include "DeliveryTableModel.h"
#include "EndpointDialog.h"
#include "EndpointTableModel.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "SecretDialog.h"
#include "TestReceiver.h"
#include "TestServer.h"
#include "VisibleChild.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

// A server without --allow-private-network: the console passes on its warning when an endpoint
// targets a private address, and shows why deliveries to such a target were refused.
class tst_PrivateNetworkWarnings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::unique_ptr<MainWindow> m_window;

    template<typename T>
    T *visible() { return visibleChild<T>(m_window.get()); }
    void submitEndpointDialog(const QString &url)
    {
        EndpointDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visible<EndpointDialog>()));
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        edit->clear();
        QTest::keyClicks(edit, url);
        dialog->findChild<QListWidget *>(QStringLiteral("eventList"))->item(0)->setCheckState(Qt::Checked);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_privatenetworkwarnings"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        m_server = std::make_unique<TestServer>([](ServerConfig &config) { config.allowPrivateNetwork = false; });
        QVERIFY(m_server->start());
        m_client = std::make_unique<ApiTestClient>(m_server->url(QString()), m_server->token());
        m_window = std::make_unique<MainWindow>();
        m_window->historyPanel()->setAutoRefreshInterval(300);
        m_window->show();
        const QUrl base = m_server->url(QString());
        m_window->connectTo({QStringLiteral("test server"), base, m_server->token(), base.toString()});
        QTRY_VERIFY(m_window->findChild<QLabel *>(QStringLiteral("connectionLabel"))->text().contains(QStringLiteral("Connected")));
    }

    void cleanup()
    {
        m_window.reset();
        m_client.reset();
        m_server.reset();
    }

    void creatingAPrivateTargetWarns()
    {
        m_window->findChild<QAction *>(QStringLiteral("actionNew"))->trigger();
        submitEndpointDialog(QStringLiteral("http://127.0.0.1:9/"));
        SecretDialog *secret = nullptr;
        QTRY_VERIFY((secret = visible<SecretDialog>())); // created all the same
        const QString banner = m_window->banner()->text();
        QVERIFY2(banner.contains(QStringLiteral("http://127.0.0.1:9/")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("--allow-private-network")), qPrintable(banner));
        QCOMPARE(m_client->get(QStringLiteral("/api/integrations/webhooks")).data().size(), 1);
        auto *save = secret->findChild<QCheckBox *>(QStringLiteral("saveInKeychain"));
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10000); // the keychain answered its check
        save->setChecked(false);
        secret->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close)->click();
    }

    void editingToAPrivateTargetWarns()
    {
        const QString id = m_client->post(QStringLiteral("/api/integrations/webhooks"),
                                          {{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/pub")},
                                           {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
                               .json().value(QStringLiteral("id")).toString();
        m_window->reload();
        QTRY_VERIFY(m_window->currentEndpoint().has_value());
        QVERIFY(m_window->banner()->text().isEmpty());
        m_window->findChild<QAction *>(QStringLiteral("actionEdit"))->trigger();
        submitEndpointDialog(QStringLiteral("http://10.0.0.5/hook"));
        QTRY_VERIFY2(m_window->banner()->text().contains(QStringLiteral("10.0.0.5")), qPrintable(m_window->banner()->text()));
        QVERIFY(m_window->banner()->text().contains(QStringLiteral("--allow-private-network")));
        QCOMPARE(m_client->get(QStringLiteral("/api/integrations/webhooks/") + id).json().value(QStringLiteral("url")).toString(),
                 QStringLiteral("http://10.0.0.5/hook"));
    }

    void refusedDeliveryShowsTheReason()
    {
        TestReceiver receiver;
        receiver.setDefault(TestReceiver::respond(204));
        const QString id = m_client->post(QStringLiteral("/api/integrations/webhooks"),
                                          {{QStringLiteral("url"), receiver.url().toString()},
                                           {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
                               .json().value(QStringLiteral("id")).toString();
        QCOMPARE(m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/test"),
                                {{QStringLiteral("event"), QStringLiteral("survey.response.created")}})
                     .status,
                 202);
        m_window->reload();
        QTRY_VERIFY(m_window->endpointModel()->rowOf(id) >= 0);
        m_window->selectEndpoint(id);
        DeliveryHistoryPanel *panel = m_window->historyPanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() == 1
                                     && panel->model()->delivery(0).status == DeliveryInfo::Status::Failed, 15000);
        panel->table()->selectRow(0);
        auto *attempts = panel->findChild<QTreeWidget *>(QStringLiteral("attemptTree"));
        QTRY_VERIFY(attempts->topLevelItemCount() >= 1);
        const QString error = attempts->topLevelItem(0)->text(3);
        QVERIFY2(error.contains(QStringLiteral("--allow-private-network")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1")), qPrintable(error));
        QCOMPARE(receiver.count(), 0); // refused before a byte was sent
    }
};

QTEST_MAIN(tst_PrivateNetworkWarnings)
#include "tst_privatenetworkwarnings.moc"
