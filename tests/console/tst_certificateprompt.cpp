#include "ApiTestClient.h"
#include "CertificateTrust.h"
#include "CertificateTrustDialog.h"
#include "EndpointTableModel.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "HttpsTestServer.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The main window against a real HTTPS server with a self-signed certificate: the user is
// shown the fingerprint, chooses to trust it, and is asked again only when it changes.
class tst_CertificatePrompt : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    HttpsTestServer m_https;
    std::unique_ptr<MainWindow> m_window;
    const QString m_serverKey = QStringLiteral("remote-https");

    void openWindow()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        const QUrl base = m_https.server().url(QString());
        m_window->connectTo({QStringLiteral("secure server"), base, m_https.server().token(), m_serverKey});
    }
    CertificateTrustDialog *prompt()
    {
        CertificateTrustDialog *dialog = nullptr;
        [&] { QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<CertificateTrustDialog *>()) && dialog->isVisible(), 10000); }();
        return dialog;
    }
    QString labelText(QWidget *parent, const char *name)
    {
        return parent->findChild<QLabel *>(QString::fromLatin1(name))->text();
    }
    QString connectionText() { return labelText(m_window.get(), "connectionLabel"); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_certificateprompt"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
        QVERIFY(m_https.isValid());
    }

    void init()
    {
        QSettings().clear();
        QVERIFY(m_https.start());
    }

    void cleanup()
    {
        m_window.reset();
        m_https.stop();
    }

    void untrustedCertificateShowsItsFingerprintAndLoadsNothing()
    {
        openWindow();
        const QString fingerprint = CertificateTrust::fingerprint(m_https.first().certificate());
        CertificateTrustDialog *dialog = prompt();
        QVERIFY2(labelText(dialog, "certificateFingerprint").contains(fingerprint), qPrintable(labelText(dialog, "certificateFingerprint")));
        QVERIFY(!labelText(dialog, "certificateExplanation").contains(QStringLiteral("man-in-the-middle")));
        QVERIFY2(m_window->banner()->text().contains(fingerprint), qPrintable(m_window->banner()->text()));
        QVERIFY(connectionText().contains(QStringLiteral("not trusted")));
        QCOMPARE(m_window->endpointModel()->rowCount(), 0);
        // Only one question, although every request of the reload was refused.
        QCOMPARE(m_window->findChildren<CertificateTrustDialog *>().size(), 1);
    }

    void trustLoadsAndIsRememberedForTheNextSession()
    {
        openWindow();
        prompt()->findChild<QPushButton *>(QStringLiteral("trustButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->endpointModel()->rowCount(), 1, 10000);
        QCOMPARE(m_window->endpointModel()->endpoint(0).url, QStringLiteral("https://hooks.example.com/tls"));
        QTRY_VERIFY(connectionText().contains(QStringLiteral("Connected")));
        QVERIFY(m_window->banner()->text().isEmpty());

        // The console restarted: no question, straight to the endpoints.
        m_window.reset();
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->endpointModel()->rowCount(), 1, 10000);
        QTRY_VERIFY(connectionText().contains(QStringLiteral("Connected")));
        QVERIFY(!m_window->findChild<CertificateTrustDialog *>());
    }

    void declinedCertificateStaysRefused()
    {
        openWindow();
        prompt()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        QTRY_VERIFY(!m_window->findChild<CertificateTrustDialog *>());
        m_window->setHealthCheckInterval(100);
        QTest::qWait(500); // several refused health checks
        QVERIFY(!m_window->findChild<CertificateTrustDialog *>()); // no nagging
        QCOMPARE(m_window->endpointModel()->rowCount(), 0);
        QVERIFY(CertificateTrust().trustedFingerprint(m_serverKey).isEmpty());
        // An explicit refresh asks again.
        m_window->reload();
        QVERIFY(prompt());
    }

    void changedCertificateWarnsOfAnAttack()
    {
        const QString first = CertificateTrust::fingerprint(m_https.first().certificate());
        CertificateTrust().trust(m_serverKey, first);
        QVERIFY(m_https.serveWith(m_https.second()));
        openWindow();
        CertificateTrustDialog *dialog = prompt();
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Server Certificate Changed"));
        QVERIFY2(labelText(dialog, "certificateExplanation").contains(QStringLiteral("man-in-the-middle")),
                 qPrintable(labelText(dialog, "certificateExplanation")));
        const QString shown = labelText(dialog, "certificateFingerprint");
        QVERIFY(shown.contains(CertificateTrust::fingerprint(m_https.second().certificate())));
        QVERIFY(shown.contains(first));
        QVERIFY(m_window->banner()->text().contains(QStringLiteral("man-in-the-middle")));
        QCOMPARE(m_window->endpointModel()->rowCount(), 0);
        dialog->reject();
        QCOMPARE(CertificateTrust().trustedFingerprint(m_serverKey), first);
    }
};

QTEST_MAIN(tst_CertificatePrompt)
#include "tst_certificateprompt.moc"
