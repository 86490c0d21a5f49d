#include "ApiClient.h"
#include "ApiTestClient.h"
#include "CertificateTrust.h"
#include "HttpsTestServer.h"

#include <QRegularExpression>
#include <QSettings>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The console's client against a real HTTPS server with a self-signed certificate: refused
// until trusted, trusted per server and fingerprint across sessions, refused again when the
// certificate changes.
class tst_CertificateTrust : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    HttpsTestServer m_https;
    const QString m_serverKey = QStringLiteral("remote-https");

    struct Outcome
    {
        std::optional<QList<EndpointInfo>> endpoints;
        std::optional<ApiFailure> failure;
    };

    Outcome listEndpoints(ApiClient &api)
    {
        Outcome outcome;
        api.listEndpoints(this, [&](const QList<EndpointInfo> &e) { outcome.endpoints = e; },
                          [&](const ApiFailure &f) { outcome.failure = f; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(outcome.endpoints || outcome.failure, 10000); }();
        return outcome;
    }
    std::unique_ptr<ApiClient> client()
    {
        auto api = std::make_unique<ApiClient>();
        api->setConnection(m_https.server().url(QString()), m_https.server().token(), m_serverKey);
        return api;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_certificatetrust"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
        QVERIFY(m_https.isValid());
    }

    void init()
    {
        QSettings().clear();
        QVERIFY(m_https.start());
    }

    void cleanup() { m_https.stop(); }

    void fingerprintHasTheFormTheServerLogs()
    {
        const QString fingerprint = CertificateTrust::fingerprint(m_https.first().certificate());
        QVERIFY2(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$")).match(fingerprint).hasMatch(),
                 qPrintable(fingerprint));
        QVERIFY(fingerprint != CertificateTrust::fingerprint(m_https.second().certificate()));
    }

    void untrustedCertificateIsRefusedWithItsFingerprint()
    {
        auto api = client();
        const Outcome outcome = listEndpoints(*api);
        QVERIFY(!outcome.endpoints);
        QVERIFY(outcome.failure->untrustedCertificate());
        const QString fingerprint = CertificateTrust::fingerprint(m_https.first().certificate());
        QCOMPARE(outcome.failure->certificateFingerprint, fingerprint);
        QVERIFY(!outcome.failure->certificateChanged());
        QVERIFY2(outcome.failure->describe().contains(fingerprint), qPrintable(outcome.failure->describe()));
        QVERIFY2(outcome.failure->describe().contains(QStringLiteral("not trusted")), qPrintable(outcome.failure->describe()));
    }

    void trustedCertificateLoadsAndIsRememberedAcrossSessions()
    {
        auto api = client();
        const ApiFailure refused = *listEndpoints(*api).failure;
        api->trustCertificate(refused.certificateFingerprint);
        const Outcome trusted = listEndpoints(*api);
        QVERIFY2(trusted.endpoints, qPrintable(trusted.failure ? trusted.failure->describe() : QString()));
        QCOMPARE(trusted.endpoints->size(), 1);

        // A new session (new client, same settings) is accepted without asking.
        api.reset();
        auto later = client();
        const Outcome again = listEndpoints(*later);
        QVERIFY2(again.endpoints, qPrintable(again.failure ? again.failure->describe() : QString()));
        QCOMPARE(again.endpoints->first().url, QStringLiteral("https://hooks.example.com/tls"));
    }

    void trustIsPerServer()
    {
        CertificateTrust().trust(QStringLiteral("another-server"), CertificateTrust::fingerprint(m_https.first().certificate()));
        auto api = client();
        const Outcome outcome = listEndpoints(*api);
        QVERIFY(!outcome.endpoints);
        QVERIFY(outcome.failure->untrustedCertificate());
    }

    void replacedCertificateIsRefusedAsPossibleAttack()
    {
        const QString first = CertificateTrust::fingerprint(m_https.first().certificate());
        CertificateTrust().trust(m_serverKey, first);
        QVERIFY(m_https.serveWith(m_https.second()));
        auto api = client();
        const Outcome outcome = listEndpoints(*api);
        QVERIFY(!outcome.endpoints);
        QVERIFY(outcome.failure->certificateChanged());
        QCOMPARE(outcome.failure->certificateFingerprint, CertificateTrust::fingerprint(m_https.second().certificate()));
        QCOMPARE(outcome.failure->trustedFingerprint, first);
        QVERIFY2(outcome.failure->describe().contains(QStringLiteral("man-in-the-middle")),
                 qPrintable(outcome.failure->describe()));
        // Refusing changes nothing: the old certificate is still the trusted one.
        QCOMPARE(CertificateTrust().trustedFingerprint(m_serverKey), first);
    }
};

QTEST_GUILESS_MAIN(tst_CertificateTrust)
#include "tst_certificatetrust.moc"
