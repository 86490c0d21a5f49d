#include "EndpointActions.h"
#include "EndpointDialog.h"
#include "FakeApiServer.h"
#include "MainWindow.h"
#include "SecretDialog.h"
#include "VisibleChild.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The one-time secret and the keychain, as the real main window wires them (issue 23, defect 3).
// Registered twice: with the session's Secret Service, and with no session bus at all
// (ENA_TEST_NO_KEYCHAIN=1), where nothing can be saved and the secret must stay on screen.
class tst_SecretDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    const bool m_noKeychain = qEnvironmentVariableIsSet("ENA_TEST_NO_KEYCHAIN");
    int m_created = 0;

    QString createdSecret() const { return QStringLiteral("whs_c2VjcmV0LW9mLXRoZS10ZXN0LSVu%1").arg(m_created); }
    QString createdId() const { return QStringLiteral("whe_0AbCdEfG%1").arg(m_created, 14, 10, QLatin1Char('0')); }
    void scriptCreate()
    {
        m_server->answerWith("POST", QStringLiteral("/api/integrations/webhooks"), [this](const FakeApiServer::Request &request) {
            ++m_created;
            QJsonObject created{{QStringLiteral("id"), createdId()},
                                {QStringLiteral("url"), QJsonDocument::fromJson(request.body)[QStringLiteral("url")]},
                                {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                                {QStringLiteral("enabled"), true},
                                {QStringLiteral("created_at"), QStringLiteral("2024-05-01T10:00:00Z")},
                                {QStringLiteral("updated_at"), QStringLiteral("2024-05-01T10:00:00Z")},
                                {QStringLiteral("secret"), createdSecret()}};
            return FakeApiServer::jsonAnswer(QJsonDocument(created).toJson(QJsonDocument::Compact), 201);
        });
    }
    // Creates an endpoint the way the admin does and returns the secret dialog that follows.
    SecretDialog *createEndpoint()
    {
        m_window->findChild<QAction *>(QStringLiteral("actionNew"))->trigger();
        EndpointDialog *dialog = nullptr;
        [&] { QTRY_VERIFY((dialog = visibleChild<EndpointDialog>(m_window.get()))); }();
        if (!dialog)
            return nullptr;
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("https://hooks.example.com/a"));
        dialog->findChild<QCheckBox *>(QStringLiteral("allEvents"))->setChecked(true);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        SecretDialog *secret = nullptr;
        [&] { QTRY_VERIFY((secret = visibleChild<SecretDialog>(m_window.get()))); }();
        return secret;
    }
    static QCheckBox *saveBox(SecretDialog *dialog) { return dialog->findChild<QCheckBox *>(QStringLiteral("saveInKeychain")); }
    static QString keychainStatus(SecretDialog *dialog)
    {
        auto *label = dialog->findChild<QLabel *>(QStringLiteral("keychainStatus"));
        return label && label->isVisible() ? label->text() : QString();
    }
    static void pressClose(SecretDialog *dialog)
    {
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close), Qt::LeftButton);
    }
    // What the admin can still take away: the secret selected in its field, and the Copy button.
    static void verifySecretCanBeCopied(SecretDialog *dialog, const QString &secret)
    {
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
        QVERIFY(edit->isVisible());
        edit->selectAll();
        QCOMPARE(edit->selectedText(), secret);
        QApplication::clipboard()->clear();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyButton")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), secret);
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

private slots:
    void initTestCase()
    {
        if (m_noKeychain)
            QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "the no-keychain run needs no session bus");
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_secretdialog"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        m_server = std::make_unique<FakeApiServer>();
        QVERIFY(m_server->start());
        scriptCreate();
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        // A server key of its own per run: secrets of earlier runs never answer for this one.
        const QString serverKey = m_server->url().toString() + QString::number(QDateTime::currentMSecsSinceEpoch());
        m_window->connectTo({QStringLiteral("fake"), m_server->url(), "token", serverKey});
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
    }

    void withAKeychainTheSecretIsSavedBeforeTheDialogCloses()
    {
        if (m_noKeychain)
            QSKIP("needs the session's Secret Service");
        SecretDialog *dialog = createEndpoint();
        QVERIFY(dialog);
        QTRY_VERIFY(saveBox(dialog)->isChecked());
        QVERIFY(saveBox(dialog)->isEnabled());
        QSignalSpy handled(m_window->findChild<EndpointActions *>(), &EndpointActions::secretHandled);
        pressClose(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!handled.isEmpty(), 10000);
        QCOMPARE(handled.at(0).at(1).toBool(), true);
        QVERIFY(!visibleChild<SecretDialog>(m_window.get()));
        QCOMPARE(keychainSecret(createdId()), std::optional<QString>(createdSecret()));
    }

    void withoutAKeychainTheBoxIsUntickedAndSaysWhy()
    {
        if (!m_noKeychain)
            QSKIP("runs without a session bus (tst_secretdialog_nokeychain)");
        SecretDialog *dialog = createEndpoint();
        QVERIFY(dialog);
        QTRY_VERIFY2(keychainStatus(dialog).contains(QStringLiteral("No keychain is reachable")), qPrintable(keychainStatus(dialog)));
        QVERIFY(!saveBox(dialog)->isChecked());
        verifySecretCanBeCopied(dialog, createdSecret());
        QSignalSpy handled(m_window->findChild<EndpointActions *>(), &EndpointActions::secretHandled);
        pressClose(dialog); // nothing to save: closes at once
        QCOMPARE(handled.size(), 1);
        QCOMPARE(handled.at(0).at(1).toBool(), false);
        QVERIFY(!visibleChild<SecretDialog>(m_window.get()));
    }

    void aFailedSaveKeepsTheDialogAndTheSecret()
    {
        if (!m_noKeychain)
            QSKIP("runs without a session bus (tst_secretdialog_nokeychain)");
        SecretDialog *dialog = createEndpoint();
        QVERIFY(dialog);
        QTRY_VERIFY(!keychainStatus(dialog).contains(QStringLiteral("Checking")));
        // The admin ticks the box all the same (perhaps having just started a keyring).
        saveBox(dialog)->click();
        QVERIFY(saveBox(dialog)->isChecked());
        pressClose(dialog);
        QTRY_VERIFY2(keychainStatus(dialog).contains(QStringLiteral("could not be saved")), qPrintable(keychainStatus(dialog)));
        QVERIFY(dialog->isVisible());
        QVERIFY(!saveBox(dialog)->isChecked());
        verifySecretCanBeCopied(dialog, createdSecret());
        pressClose(dialog);
        QTRY_VERIFY(!visibleChild<SecretDialog>(m_window.get()));
    }
};

QTEST_MAIN(tst_SecretDialog)
#include "tst_secretdialog.moc"
