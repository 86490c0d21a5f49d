#include "ApiTestClient.h"
#include "DeliveryFilterBar.h"
#include "DeliveryHistoryPanel.h"
#include "DeliveryTableModel.h"
#include "EnaVersion.h"
#include "EndpointActions.h"
#include "EndpointDialog.h"
#include "EndpointTableModel.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "SecretDialog.h"
#include "SendTestDialog.h"
#include "Signer.h"
#include "TestReceiver.h"
#include "HistorySeeder.h"
#include "TestServer.h"
#include "VisibleChild.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QDateTimeEdit>
#include <QUrlQuery>

// Drives the real main window with QTest against a real in-process server and the real
// Secret Service of the session.
class tst_MainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::unique_ptr<MainWindow> m_window;

    template<typename T>
    T *visible() { return visibleChild<T>(m_window.get()); }
    QAction *action(const char *name) { return m_window->findChild<QAction *>(QString::fromLatin1(name)); }
    QString connectionText() { return m_window->findChild<QLabel *>(QStringLiteral("connectionLabel"))->text(); }

    QString createdOnServer(const QString &url, const QJsonArray &events = {QStringLiteral("*")})
    {
        const auto reply = m_client->post(QStringLiteral("/api/integrations/webhooks"),
                                          {{QStringLiteral("url"), url}, {QStringLiteral("events"), events}});
        return reply.json().value(QStringLiteral("id")).toString();
    }
    QString endpointPath(const QString &id, const QString &rest = {})
    {
        return QStringLiteral("/api/integrations/webhooks/") + id + rest;
    }
    void reloadAndSelect(const QString &id)
    {
        m_window->reload();
        QTRY_VERIFY(m_window->endpointModel()->rowOf(id) >= 0);
        m_window->selectEndpoint(id);
        QCOMPARE(m_window->historyPanel()->endpointId(), id);
    }
    std::optional<QString> keychainSecret(const QString &endpointId)
    {
        bool done = false;
        std::optional<QString> secret;
        m_window->vault()->readEndpointSecret(m_window->serverKey(), endpointId, this,
                                              [&](const std::optional<QString> &s, const QString &) {
                                                  secret = s;
                                                  done = true;
                                              });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
        return secret;
    }
    // The box is offered (enabled) once the keychain answered the dialog's check.
    static void waitForKeychainCheck(SecretDialog *dialog)
    {
        QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QCheckBox *>(QStringLiteral("saveInKeychain"))->isEnabled(), 10000);
    }
    // Closes the secret dialog and waits for the keychain write it makes before closing.
    void closeSecretDialog(SecretDialog *dialog)
    {
        waitForKeychainCheck(dialog);
        const bool save = dialog->saveInKeychain();
        QSignalSpy handled(m_window->findChild<EndpointActions *>(), &EndpointActions::secretHandled);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close)->click();
        // Without a keychain write the answer comes at once, inside click().
        QVERIFY(!handled.isEmpty() || handled.wait(10000));
        QCOMPARE(handled.at(0).at(1).toBool(), save);
    }
    void confirm(const QString &boxName, const QString &mustSay)
    {
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(boxName)) && box->isVisible());
        QVERIFY2(box->text().contains(mustSay), qPrintable(box->text()));
        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    }
    // A key press as the user makes it: in the active main window, focus in the endpoint table.
    void press(const QKeySequence &keys)
    {
        m_window->activateWindow();
        QVERIFY2(QTest::qWaitForWindowActive(m_window.get()), qPrintable(keys.toString()));
        m_window->endpointView()->setFocus();
        QTest::keySequence(m_window.get(), keys);
    }
    static bool sent(const QSignalSpy &spy, const QByteArray &method, const QString &pathEnd)
    {
        return std::any_of(spy.cbegin(), spy.cend(), [&](const QList<QVariant> &args) {
            return args.at(0).toByteArray() == method && args.at(1).toUrl().path().endsWith(pathEnd);
        });
    }
    // The newest request for the history table. The chart's own request always asks for 100
    // deliveries of any status, so it is told apart by that.
    static QUrl lastDeliveriesRequest(const QSignalSpy &sent)
    {
        for (qsizetype i = sent.size() - 1; i >= 0; --i) {
            const QUrl url = sent.at(i).at(1).toUrl();
            const QUrlQuery query(url);
            const bool chart = query.queryItemValue(QStringLiteral("per_page")) == QLatin1String("100")
                && !query.hasQueryItem(QStringLiteral("status"));
            if (url.path().endsWith(QLatin1String("/deliveries")) && !chart)
                return url;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        m_client = std::make_unique<ApiTestClient>(m_server->url(QString()), m_server->token());
        m_window = std::make_unique<MainWindow>();
        m_window->historyPanel()->setAutoRefreshInterval(300);
        m_window->show();
        const QUrl base = m_server->url(QString());
        m_window->connectTo({QStringLiteral("test server"), base, m_server->token(), base.toString()});
        QTRY_VERIFY(connectionText().contains(QStringLiteral("Connected")));
    }

    void cleanup()
    {
        m_window.reset();
        m_client.reset();
        m_server.reset();
    }

    void statusBarShowsServerVersion()
    {
        QTRY_COMPARE(m_window->findChild<QLabel *>(QStringLiteral("versionLabel"))->text(), QStringLiteral("Server 0.1.0"));
        QVERIFY(connectionText().contains(QStringLiteral("test server")));
    }

    void createThroughTheDialogShowsAndKeepsTheSecret()
    {
        TestReceiver receiver;
        receiver.setDefault(TestReceiver::respond(204));
        action("actionNew")->trigger();
        EndpointDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visible<EndpointDialog>()));
        auto *events = dialog->findChild<QListWidget *>(QStringLiteral("eventList"));
        QCOMPARE(events->count(), 3); // the server's catalog
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), receiver.url().toString());
        events->item(0)->setCheckState(Qt::Checked);
        const QString chosenEvent = events->item(0)->text();
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        SecretDialog *secretDialog = nullptr;
        QTRY_VERIFY((secretDialog = visible<SecretDialog>()));
        const QString secret = secretDialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"))->text();
        QVERIFY(secret.startsWith(QStringLiteral("whs_")));
        QVERIFY(secretDialog->findChild<QLabel *>(QStringLiteral("secretWarning"))->text().contains(QStringLiteral("not be shown again")));
        // Ticked once the keychain of the session answered.
        QTRY_VERIFY_WITH_TIMEOUT(secretDialog->findChild<QCheckBox *>(QStringLiteral("saveInKeychain"))->isChecked(), 10000);
        QVERIFY(!visible<EndpointDialog>());

        const auto listed = m_client->get(QStringLiteral("/api/integrations/webhooks")).data();
        QCOMPARE(listed.size(), 1);
        const QString id = listed.first().toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(listed.first().toObject().value(QStringLiteral("url")).toString(), receiver.url().toString());
        QCOMPARE(listed.first().toObject().value(QStringLiteral("events")).toArray(), QJsonArray{chosenEvent});
        QCOMPARE(m_window->endpointModel()->rowOf(id), 0);
        QCOMPARE(m_window->currentEndpoint()->id, id);

        closeSecretDialog(secretDialog);
        QCOMPARE(keychainSecret(id), std::optional<QString>(secret));

        // The keychain holds the very secret the server signs with.
        QCOMPARE(m_client->post(endpointPath(id, QStringLiteral("/test")), {{QStringLiteral("event"), chosenEvent}}).status, 202);
        QVERIFY(receiver.waitForRequests(1));
        const ReceivedRequest request = receiver.requests().first();
        QVERIFY(Signer::verify(*Signer::keyFromSecret(secret), request.header("webhook-id"),
                               request.header("webhook-timestamp").toLongLong(), request.body,
                               request.header("webhook-signature")));
    }

    void declinedKeychainSaveStoresNothing()
    {
        action("actionNew")->trigger();
        EndpointDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visible<EndpointDialog>()));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("https://hooks.example.com/x"));
        dialog->findChild<QCheckBox *>(QStringLiteral("allEvents"))->setChecked(true);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        SecretDialog *secretDialog = nullptr;
        QTRY_VERIFY((secretDialog = visible<SecretDialog>()));
        waitForKeychainCheck(secretDialog);
        secretDialog->findChild<QCheckBox *>(QStringLiteral("saveInKeychain"))->setChecked(false);
        closeSecretDialog(secretDialog);
        QCOMPARE(keychainSecret(m_window->currentEndpoint()->id), std::nullopt);
    }

    void rotateAsksThenShowsTheNewSecret()
    {
        const QString id = createdOnServer(QStringLiteral("https://hooks.example.com/r"));
        reloadAndSelect(id);
        action("actionRotate")->trigger();
        confirm(QStringLiteral("confirmRotate"), QStringLiteral("stops working immediately"));
        SecretDialog *secretDialog = nullptr;
        QTRY_VERIFY((secretDialog = visible<SecretDialog>()));
        const QString secret = secretDialog->secret();
        QVERIFY(secret.startsWith(QStringLiteral("whs_")));
        closeSecretDialog(secretDialog);
        QCOMPARE(keychainSecret(id), std::optional<QString>(secret));
    }

    void deleteAsksAndRemovesTheKeychainEntry()
    {
        const QString id = createdOnServer(QStringLiteral("https://hooks.example.com/d"));
        reloadAndSelect(id);
        bool stored = false;
        m_window->vault()->storeEndpointSecret(m_window->serverKey(), id, QStringLiteral("whs_c2VjcmV0"), this,
                                               [&](const QString &error) { stored = error.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(stored, 10000);

        action("actionDelete")->trigger();
        confirm(QStringLiteral("confirmDelete"), QStringLiteral("removed from the keychain"));
        QTRY_COMPARE(m_window->endpointModel()->rowOf(id), -1);
        QCOMPARE(m_client->get(endpointPath(id)).status, 404);
        QTRY_VERIFY_WITH_TIMEOUT(!keychainSecret(id).has_value(), 10000);
    }

    void cancelledDeleteKeepsEverything()
    {
        const QString id = createdOnServer(QStringLiteral("https://hooks.example.com/keep"));
        reloadAndSelect(id);
        action("actionDelete")->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("confirmDelete"))) && box->isVisible());
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(300);
        QCOMPARE(m_client->get(endpointPath(id)).status, 200);
        QCOMPARE(m_window->endpointModel()->rowOf(id), 0);
    }

    void enabledToggleInPlacePatchesTheServer()
    {
        const QString id = createdOnServer(QStringLiteral("https://hooks.example.com/t"));
        reloadAndSelect(id);
        QAbstractItemModel *shown = m_window->endpointView()->model();
        const QModelIndex cell = shown->index(0, EndpointTableModel::EnabledColumn);
        QSignalSpy sent(m_window->api(), &ApiClient::requestSent);
        shown->setData(cell, Qt::Unchecked, Qt::CheckStateRole);
        QTRY_COMPARE(cell.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(sent.first().at(0).toByteArray(), QByteArray("PATCH"));
        QCOMPARE(m_client->get(endpointPath(id)).json().value(QStringLiteral("enabled")).toBool(), false);
    }

    void filterChangesProduceTheRightRequests()
    {
        const QString id = createdOnServer(QStringLiteral("https://hooks.example.com/f"));
        reloadAndSelect(id);
        m_window->findChild<QCheckBox *>(QStringLiteral("autoRefresh"))->setChecked(false);
        QSignalSpy sent(m_window->api(), &ApiClient::requestSent);
        auto *bar = m_window->historyPanel()->filterBar();
        auto *status = bar->findChild<QComboBox *>(QStringLiteral("statusCombo"));
        status->setCurrentIndex(status->findData(int(DeliveryInfo::Status::Failed)));
        QTRY_VERIFY(!lastDeliveriesRequest(sent).isEmpty());
        QUrlQuery query(lastDeliveriesRequest(sent));
        QCOMPARE(query.toString(QUrl::FullyDecoded), QStringLiteral("status=failed&page=1&per_page=20"));
        QVERIFY(QUrl(lastDeliveriesRequest(sent)).path().endsWith(id + QStringLiteral("/deliveries")));

        sent.clear();
        auto *pageSize = bar->findChild<QComboBox *>(QStringLiteral("pageSizeCombo"));
        pageSize->setCurrentIndex(pageSize->findData(50));
        QTRY_VERIFY(!lastDeliveriesRequest(sent).isEmpty());
        QCOMPARE(QUrlQuery(lastDeliveriesRequest(sent)).toString(QUrl::FullyDecoded),
                 QStringLiteral("status=failed&page=1&per_page=50"));

        sent.clear();
        status->setCurrentIndex(0);
        auto *from = bar->findChild<QDateTimeEdit *>(QStringLiteral("fromEdit"));
        from->setDateTime(QDateTime(QDate(2026, 6, 7), QTime(10, 0), Qt::UTC).toLocalTime());
        bar->findChild<QCheckBox *>(QStringLiteral("fromEnabled"))->setChecked(true);
        QTRY_VERIFY(!lastDeliveriesRequest(sent).isEmpty());
        QCOMPARE(QUrlQuery(lastDeliveriesRequest(sent)).toString(QUrl::FullyDecoded),
                 QStringLiteral("from=2026-06-07T10:00:00Z&page=1&per_page=50"));
        QVERIFY(m_window->banner()->text().isEmpty()); // the server accepted every one of them
    }

    void sendTestReachesTheReceiverAndTheHistory()
    {
        TestReceiver receiver;
        receiver.setDefault(TestReceiver::respond(200, "thanks"));
        const QString id = createdOnServer(receiver.url().toString(), {QStringLiteral("feedback.ticket.created")});
        reloadAndSelect(id);
        action("actionTest")->trigger();
        SendTestDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visible<SendTestDialog>()));
        QCOMPARE(dialog->event(), QStringLiteral("feedback.ticket.created"));
        dialog->accept();
        QVERIFY(receiver.waitForRequests(1));
        const QJsonObject body = QJsonDocument::fromJson(receiver.requests().first().body).object();
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("feedback.ticket.created"));
        QCOMPARE(body.value(QStringLiteral("test")).toBool(), true);
        DeliveryTableModel *history = m_window->historyPanel()->model();
        QTRY_COMPARE(history->rowCount(), 1);
        QTRY_COMPARE(history->delivery(0).status, DeliveryInfo::Status::Delivered);
        QCOMPARE(history->delivery(0).httpStatus.value_or(0), 200);
    }

    void retryOfSeveralFailedRows()
    {
        const QString id = createdOnServer(QStringLiteral("http://127.0.0.1:9/unreachable"));
        for (int i = 0; i < 2; ++i)
            QCOMPARE(m_client->post(endpointPath(id, QStringLiteral("/test")),
                                    {{QStringLiteral("event"), QStringLiteral("survey.response.created")}})
                         .status,
                     202);
        reloadAndSelect(id);
        DeliveryHistoryPanel *panel = m_window->historyPanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() == 2
                                     && panel->model()->delivery(0).status == DeliveryInfo::Status::Failed
                                     && panel->model()->delivery(1).status == DeliveryInfo::Status::Failed,
                                 15000);
        const int attemptsBefore = panel->model()->delivery(0).attemptCount;
        QVERIFY(!action("actionRetry")->isEnabled());
        panel->table()->selectAll();
        QTRY_VERIFY(action("actionRetry")->isEnabled());

        QSignalSpy sent(m_window->api(), &ApiClient::requestSent);
        action("actionRetry")->trigger();
        int retries = 0;
        QTRY_VERIFY((retries = int(std::count_if(sent.cbegin(), sent.cend(), [](const QList<QVariant> &args) {
                         return args.at(0).toByteArray() == "POST" && args.at(1).toUrl().path().endsWith(QLatin1String("/retry"));
                     }))) == 2);
        // Server-side effect: each delivery gets another attempt.
        const QString deliveryId = panel->model()->delivery(0).id;
        QTRY_VERIFY_WITH_TIMEOUT(m_client->get(endpointPath(id, QStringLiteral("/deliveries/") + deliveryId))
                                         .json().value(QStringLiteral("attempt_count")).toInt() > attemptsBefore,
                                 10000);
    }

    void detailPaneShowsEveryAttempt()
    {
        const QString id = createdOnServer(QStringLiteral("http://127.0.0.1:9/unreachable"));
        m_client->post(endpointPath(id, QStringLiteral("/test")), {{QStringLiteral("event"), QStringLiteral("survey.response.created")}});
        reloadAndSelect(id);
        DeliveryHistoryPanel *panel = m_window->historyPanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() == 1
                                     && panel->model()->delivery(0).status == DeliveryInfo::Status::Failed, 15000);
        panel->table()->selectRow(0);
        auto *attempts = panel->findChild<QTreeWidget *>(QStringLiteral("attemptTree"));
        QTRY_COMPARE(attempts->topLevelItemCount(), panel->model()->delivery(0).attemptCount);
        QVERIFY(attempts->topLevelItemCount() >= 1);
        QVERIFY(!attempts->topLevelItem(0)->text(3).isEmpty()); // the reason it failed
    }

    void serverErrorsAreShownAndInputKept()
    {
        const QString id = createdOnServer(QStringLiteral("https://hooks.example.com/e"));
        reloadAndSelect(id);
        // Someone else deletes it meanwhile; the edit then fails with the server's 404.
        QCOMPARE(m_client->del(endpointPath(id)).status, 204);
        action("actionEdit")->trigger();
        EndpointDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visible<EndpointDialog>()));
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        url->clear();
        QTest::keyClicks(url, QStringLiteral("https://hooks.example.com/typed"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(id), qPrintable(error->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(url->text(), QStringLiteral("https://hooks.example.com/typed"));
        QVERIFY(m_window->banner()->text().contains(QStringLiteral("404")));
        dialog->reject();
    }

    void conflictFromTheServerIsShown()
    {
        const QString id = createdOnServer(QStringLiteral("https://hooks.example.com/c"));
        QCOMPARE(m_client->patch(endpointPath(id), {{QStringLiteral("enabled"), false}}).status, 200);
        reloadAndSelect(id);
        action("actionTest")->trigger();
        SendTestDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visible<SendTestDialog>()));
        dialog->accept();
        QTRY_VERIFY(m_window->banner()->text().contains(QStringLiteral("409")));
        QVERIFY(m_window->banner()->text().contains(QStringLiteral("disabled")));
    }

    void windowGeometryAndSplittersAreRemembered()
    {
        auto *mainSplitter = m_window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        auto *historySplitter = m_window->findChild<QSplitter *>(QStringLiteral("historySplitter"));
        m_window->resize(1000, 640);
        QTRY_COMPARE(m_window->size(), QSize(1000, 640));
        mainSplitter->setSizes({330, 600});
        historySplitter->setSizes({90, 260, 170});
        const QList<int> mainSizes = mainSplitter->sizes();
        const QList<int> historySizes = historySplitter->sizes();
        QCOMPARE(mainSizes.first(), 330);
        m_window->close();

        MainWindow reopened;
        reopened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reopened));
        QCOMPARE(reopened.size(), QSize(1000, 640));
        QTRY_COMPARE(reopened.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), mainSizes);
        QTRY_COMPARE(reopened.findChild<QSplitter *>(QStringLiteral("historySplitter"))->sizes(), historySizes);
    }

    void busyIndicatorShowsWhileTheServerIsAsked()
    {
        auto *busy = m_window->findChild<QProgressBar *>(QStringLiteral("busyIndicator"));
        QTRY_VERIFY(!busy->isVisible());
        m_window->reload();
        QVERIFY(busy->isVisible());
        QTRY_VERIFY(!busy->isVisible());

        TestReceiver slow; // reads every request and never answers
        slow.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Hang));
        m_window->api()->setDeadline(1500);
        const QUrl base = slow.url(QString());
        m_window->connectTo({QStringLiteral("slow server"), base, QByteArrayLiteral("token"), base.toString()});
        QVERIFY(slow.waitForRequests(1));
        QTest::qWait(500);
        QVERIFY(busy->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!busy->isVisible(), 5000);
        QVERIFY2(connectionText().contains(QStringLiteral("no answer within")), qPrintable(connectionText()));
    }

    void keyboardShortcutsTriggerTheActions()
    {
        const QString url = QStringLiteral("http://127.0.0.1:9/keys");
        const QString id = createdOnServer(url);
        const QString failed = HistorySeeder(m_server->dataDir())
                                   .addDelivery(id, QDateTime::currentMSecsSinceEpoch(), DeliveryStatus::Failed, 1, 500);
        reloadAndSelect(id);
        DeliveryHistoryPanel *panel = m_window->historyPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 1);

        EndpointDialog *dialog = nullptr;
        press(QKeySequence(Qt::CTRL | Qt::Key_N));
        QTRY_VERIFY((dialog = visible<EndpointDialog>()));
        QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->text().isEmpty());
        dialog->reject();

        press(QKeySequence(Qt::CTRL | Qt::Key_E));
        QTRY_VERIFY((dialog = visible<EndpointDialog>()));
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->text(), url);
        dialog->reject();

        press(QKeySequence(Qt::CTRL | Qt::Key_T));
        SendTestDialog *test = nullptr;
        QTRY_VERIFY((test = visible<SendTestDialog>()));
        test->reject();

        QSignalSpy requests(m_window->api(), &ApiClient::requestSent);
        press(QKeySequence(Qt::Key_F5));
        QTRY_VERIFY(sent(requests, "GET", QStringLiteral("/api/integrations/webhooks")));
        QTRY_COMPARE(m_window->api()->pendingRequests(), 0); // the reload would clear a selection made now

        panel->table()->selectRow(0);
        QTRY_VERIFY(action("actionRetry")->isEnabled());
        press(QKeySequence(Qt::CTRL | Qt::Key_R));
        QTRY_VERIFY(sent(requests, "POST", failed + QStringLiteral("/retry")));

        press(QKeySequence(Qt::Key_Delete));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("confirmDelete"))) && box->isVisible());
        box->button(QMessageBox::Cancel)->click();
    }

    void aboutBoxShowsTheVersion()
    {
        QString shown;
        QTimer closer; // the box is modal: read and close it from inside its event loop
        connect(&closer, &QTimer::timeout, this, [&shown] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->accept();
            }
        });
        closer.start(50);
        action("actionAbout")->trigger();
        QVERIFY2(shown.contains(QStringLiteral(ENA_WEBHOOKS_VERSION)), qPrintable(shown));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
