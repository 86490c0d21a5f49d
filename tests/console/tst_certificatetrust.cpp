#include "ApiClient.h"
#include "ApiTestClient.h"
#include "CertificateTrust.h"
#include "SelfSignedCertificate.h"
#include "TestServer.h"

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
    std::unique_ptr<SelfSignedCertificate> m_first;
    std::unique_ptr<SelfSignedCertificate> m_second;
    std::unique_ptr<TestServer> m_server;
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
        api->setConnection(m_server->url(QString()), m_server->token(), m_serverKey);
        return api;
    }
    void serveWith(const SelfSignedCertificate &certificate)
    {
        m_server->config().tlsCertFile = certificate.certificatePath();
        m_server->config().tlsKeyFile = certificate.keyPath();
        QVERIFY(m_server->restart());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_certificatetrust"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
        m_first = std::make_unique<SelfSignedCertificate>(m_dir.path(), QStringLiteral("first"));
        m_second = std::make_unique<SelfSignedCertificate>(m_dir.path(), QStringLiteral("second"));
        QVERIFY(m_first->isValid() && m_second->isValid());
    }

    void init()
    {
        QSettings().clear();
        m_server = std::make_unique<TestServer>([this](ServerConfig &config) {
            config.tlsCertFile = m_first->certificatePath();
            config.tlsKeyFile = m_first->keyPath();
        });
        QVERIFY(m_server->start());
        QVERIFY(m_server->url(QString()).scheme() == QLatin1String("https"));
        // An endpoint exists, so "nothing loaded" below means refused, not empty.
        ApiTestClient setup(m_server->url(QString()), m_server->token());
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates({m_first->certificate()});
        setup.setSslConfiguration(ssl);
        QCOMPARE(setup.post(QStringLiteral("/api/integrations/webhooks"),
                            {{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/a")},
                             {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
                     .status,
                 201);
    }

    void cleanup() { m_server.reset(); }

    void fingerprintHasTheFormTheServerLogs()
    {
        const QString fingerprint = CertificateTrust::fingerprint(m_first->certificate());
        QVERIFY2(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$")).match(fingerprint).hasMatch(),
                 qPrintable(fingerprint));
        QVERIFY(fingerprint != CertificateTrust::fingerprint(m_second->certificate()));
    }

    void untrustedCertificateIsRefusedWithItsFingerprint()
    {
        auto api = client();
        const Outcome outcome = listEndpoints(*api);
        QVERIFY(!outcome.endpoints);
        QVERIFY(outcome.failure->untrustedCertificate());
        const QString fingerprint = CertificateTrust::fingerprint(m_first->certificate());
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
        QCOMPARE(again.endpoints->first().url, QStringLiteral("https://hooks.example.com/a"));
    }

    void trustIsPerServer()
    {
        CertificateTrust().trust(QStringLiteral("another-server"), CertificateTrust::fingerprint(m_first->certificate()));
        auto api = client();
        const Outcome outcome = listEndpoints(*api);
        QVERIFY(!outcome.endpoints);
        QVERIFY(outcome.failure->untrustedCertificate());
    }

    void replacedCertificateIsRefusedAsPossibleAttack()
    {
        const QString first = CertificateTrust::fingerprint(m_first->certificate());
        CertificateTrust().trust(m_serverKey, first);
        serveWith(*m_second);
        auto api = client();
        const Outcome outcome = listEndpoints(*api);
        QVERIFY(!outcome.endpoints);
        QVERIFY(outcome.failure->certificateChanged());
        QCOMPARE(outcome.failure->certificateFingerprint, CertificateTrust::fingerprint(m_second->certificate()));
        QCOMPARE(outcome.failure->trustedFingerprint, first);
        QVERIFY2(outcome.failure->describe().contains(QStringLiteral("man-in-the-middle")),
                 qPrintable(outcome.failure->describe()));
        // Refusing changes nothing: the old certificate is still the trusted one.
        QCOMPARE(CertificateTrust().trustedFingerprint(m_serverKey), first);
    }
};

QTEST_GUILESS_MAIN(tst_CertificateTrust)
#include "tst_certificatetrust.moc"
