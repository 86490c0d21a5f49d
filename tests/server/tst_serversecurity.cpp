#include "ApiTestClient.h"
#include "Database.h"
#include "DatabaseFile.h"
#include "EndpointStore.h"
#include "Ids.h"
#include "RawHttpClient.h"
#include "SecretCipher.h"
#include "Rfc3339.h"
#include "SelfSignedCertificate.h"
#include "ServerSecurity.h"
#include "Signer.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QDir>
#include <QFile>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

// What ServerSecurity sets up at start: endpoint secrets sealed at rest with the master key
// (and a clear refusal to start with the wrong one), and HTTPS with --tls-cert/--tls-key.
class tst_ServerSecurity : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void databaseFilesHoldNoSecretInClear();
    void restartWithSameKeyStillSignsWithTheSecret();
    void otherMasterKeyIsAClearStartError();
    void missingMasterKeyIsAClearStartError();
    void damagedEndpointsAreNotBlamedOnTheMasterKey();
    void plaintextSecretsFromEarlierVersionsAreSealed();
    void sealingLeavesSecureDeleteAsItWas_data();
    void sealingLeavesSecureDeleteAsItWas();
    void generatedMasterKeyIsPrivate();
    void masterKeyFileOptionAcceptsHex();
    void httpsRoundTrip();
    void plainHttpOnTheHttpsPortFailsCleanly();
    void tlsNeedsCertificateAndKey_data();
    void tlsNeedsCertificateAndKey();

private:
    void startServer(std::function<void(ServerConfig &)> adjust = {});
    void startTlsServer(const SelfSignedCertificate &certificate);
    QJsonObject createEndpoint(const QUrl &url);
    // How often needle occurs in the bytes of the database, its WAL and shared-memory files.
    int occurrencesOnDisk(const QByteArray &needle) const;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

namespace {
const QString kBase = QStringLiteral("/api/integrations/webhooks");

QByteArrayList forms(const QString &secret)
{
    // The secret as returned, its base64 part, and the raw key bytes it encodes.
    return {secret.toUtf8(), secret.mid(4).toUtf8(), Signer::keyFromSecret(secret).value_or(QByteArray())};
}

// What an earlier version wrote: db has no cipher, so the secret is stored in clear.
void storeEndpointInClear(Database &db, const QString &secret)
{
    Endpoint endpoint;
    endpoint.id = Ids::endpointId();
    endpoint.url = QStringLiteral("https://hooks.example.com/old");
    endpoint.events = {QStringLiteral("*")};
    endpoint.secret = secret;
    endpoint.createdAtMs = Rfc3339::nowMs();
    EndpointStore(db).insert(endpoint);
}
} // namespace

void tst_ServerSecurity::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void tst_ServerSecurity::startServer(std::function<void(ServerConfig &)> adjust)
{
    m_server = std::make_unique<TestServer>(std::move(adjust));
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_client = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
}

void tst_ServerSecurity::startTlsServer(const SelfSignedCertificate &certificate)
{
    QVERIFY(certificate.isValid());
    startServer([&certificate](ServerConfig &c) {
        c.tlsCertFile = certificate.certificatePath();
        c.tlsKeyFile = certificate.keyPath();
    });
}

QJsonObject tst_ServerSecurity::createEndpoint(const QUrl &url)
{
    const auto reply = m_client->post(kBase, {{QStringLiteral("url"), url.toString()},
                                              {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}});
    if (reply.status != 201)
        qWarning("create failed: %d %s", reply.status, reply.body.constData());
    return reply.json();
}

int tst_ServerSecurity::occurrencesOnDisk(const QByteArray &needle) const
{
    int count = 0;
    const QDir dir(m_server->dataDir());
    for (const QString &name : dir.entryList({QStringLiteral("webhooks.sqlite*")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            count += static_cast<int>(file.readAll().count(needle));
    }
    return count;
}

void tst_ServerSecurity::databaseFilesHoldNoSecretInClear()
{
    startServer();
    QStringList secrets;
    for (int i = 0; i < 3; ++i)
        secrets << createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/%1").arg(i)))[QStringLiteral("secret")].toString();
    const QString rotatedId = m_client->get(kBase).data().first().toObject()[QStringLiteral("id")].toString();
    const auto rotated = m_client->post(kBase + QLatin1Char('/') + rotatedId + QStringLiteral("/rotate-secret"));
    QCOMPARE(rotated.status, 200);
    secrets << rotated.json()[QStringLiteral("secret")].toString();
    for (const QString &secret : secrets)
        QVERIFY(secret.startsWith(QLatin1String("whs_")));

    // While running (the WAL holds the latest writes) and after a clean stop (checkpointed).
    for (const bool running : {true, false}) {
        if (!running)
            m_server->stop();
        QVERIFY(occurrencesOnDisk("enc1:") >= 3); // the files were read: sealed secrets are there
        for (const QString &secret : secrets) {
            for (const QByteArray &form : forms(secret))
                QVERIFY2(occurrencesOnDisk(form) == 0, qPrintable(QStringLiteral("found %1 on disk").arg(QString::fromLatin1(form.toBase64()))));
        }
    }
}

void tst_ServerSecurity::restartWithSameKeyStillSignsWithTheSecret()
{
    TestReceiver receiver;
    startServer();
    const QJsonObject endpoint = createEndpoint(receiver.url());
    QVERIFY(m_server->restart());
    m_client->setBase(m_server->url(QStringLiteral("/")));
    const auto published = m_client->post(QStringLiteral("/api/events"),
                                          {{QStringLiteral("type"), QStringLiteral("survey.response.created")},
                                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("n"), 1}}}});
    QCOMPARE(published.status, 202);
    QVERIFY(receiver.waitForRequests(1));
    const auto request = receiver.requests().first();
    const auto key = Signer::keyFromSecret(endpoint[QStringLiteral("secret")].toString());
    QVERIFY(key);
    QVERIFY(Signer::verify(*key, request.header("webhook-id"), request.header("webhook-timestamp").toLongLong(),
                           request.body, request.header("webhook-signature")));
}

void tst_ServerSecurity::otherMasterKeyIsAClearStartError()
{
    startServer();
    createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/x")));
    m_server->stop();
    QTemporaryDir keyDir;
    const QString otherKey = QDir(keyDir.path()).filePath(QStringLiteral("other.key"));
    QFile file(otherKey);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Ids::randomBytes(32));
    file.close();

    m_server->config().masterKeyFile = otherKey;
    QVERIFY(!m_server->start());
    QVERIFY2(m_server->lastError().contains(QLatin1String("another master key")), qPrintable(m_server->lastError()));
    QVERIFY(m_server->lastError().contains(QLatin1String("--master-key-file")));

    m_server->config().masterKeyFile.clear(); // the right key still works: nothing was damaged
    QVERIFY(m_server->start());
    m_client->setBase(m_server->url(QStringLiteral("/")));
    QCOMPARE(m_client->get(kBase).data().size(), 1);
}

void tst_ServerSecurity::missingMasterKeyIsAClearStartError()
{
    startServer();
    createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/x")));
    m_server->stop();
    const QString keyPath = QDir(m_server->dataDir()).filePath(QStringLiteral("master.key"));
    QVERIFY(QFile::remove(keyPath));
    QVERIFY(!m_server->start());
    QVERIFY2(m_server->lastError().contains(QLatin1String("master.key is missing")), qPrintable(m_server->lastError()));
    QVERIFY(!QFile::exists(keyPath)); // no new key replaces the lost one
}

void tst_ServerSecurity::damagedEndpointsAreNotBlamedOnTheMasterKey()
{
    startServer();
    createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/x")));
    const ServerConfig config = m_server->config();
    const QString path = QDir(m_server->dataDir()).filePath(QStringLiteral("webhooks.sqlite"));
    const DatabaseFile file(path);
    const int endpointsRoot = file.rootPage(QStringLiteral("endpoints"));
    QVERIFY(endpointsRoot > 0);
    m_server->stop();
    QVERIFY(file.overwritePage(endpointsRoot));

    // What the start runs once the file is open: the sealing of stored secrets meets the damage
    // first. (The server's own start finds it earlier, in its integrity check.)
    Database db;
    QCOMPARE(db.open(path), std::nullopt);
    ServerSecurity security(config);
    const auto error = security.prepare(db);
    QVERIFY(error);
    QVERIFY2(error->contains(QLatin1String("malformed")), qPrintable(*error));
    QVERIFY2(!error->contains(QLatin1String("master key")), qPrintable(*error));
}

void tst_ServerSecurity::plaintextSecretsFromEarlierVersionsAreSealed()
{
    QTemporaryDir dir;
    const QString secret = Ids::endpointSecret();
    {
        Database db;
        QVERIFY(!db.open(QDir(dir.path()).filePath(QStringLiteral("webhooks.sqlite"))));
        storeEndpointInClear(db, secret);
    }
    const auto onDisk = [&dir](const QByteArray &needle) {
        int count = 0;
        for (const QString &name : QDir(dir.path()).entryList({QStringLiteral("webhooks.sqlite*")}, QDir::Files)) {
            QFile file(QDir(dir.path()).filePath(name));
            if (file.open(QIODevice::ReadOnly))
                count += static_cast<int>(file.readAll().count(needle));
        }
        return count;
    };
    QVERIFY(onDisk(secret.toUtf8()) > 0); // the search does find a secret stored in clear

    startServer([&dir](ServerConfig &c) { c.dataDir = dir.path(); });
    QCOMPARE(m_client->get(kBase).data().size(), 1);
    m_server->stop();
    QVERIFY(onDisk("enc1:") >= 1);
    for (const QByteArray &form : forms(secret))
        QCOMPARE(onDisk(form), 0);
}

void tst_ServerSecurity::sealingLeavesSecureDeleteAsItWas_data()
{
    // Debian builds SQLite with secure_delete on; other builds have it off. Sealing turns it on
    // for itself and must not leave the rest of the process with a setting it did not choose.
    QTest::addColumn<int>("setting");
    QTest::newRow("off") << 0;
    QTest::newRow("on") << 1;
    QTest::newRow("fast") << 2;
}

void tst_ServerSecurity::sealingLeavesSecureDeleteAsItWas()
{
    QFETCH(int, setting);
    QTemporaryDir dir;
    Database db;
    QVERIFY(!db.open(QDir(dir.path()).filePath(QStringLiteral("webhooks.sqlite"))));
    storeEndpointInClear(db, Ids::endpointSecret());
    db.exec(QStringLiteral("PRAGMA secure_delete = %1").arg(QStringList{QStringLiteral("OFF"), QStringLiteral("ON"), QStringLiteral("FAST")}.at(setting)));
    const SecretCipher cipher(QByteArray(32, 'k'));
    db.setSecretCipher(&cipher);
    EndpointStore store(db);
    QCOMPARE(store.sealStoredSecrets(), std::nullopt);
    QVERIFY(store.hasSealedSecrets());
    QSqlQuery after = db.exec(QStringLiteral("PRAGMA secure_delete"));
    QVERIFY(after.next());
    QCOMPARE(after.value(0).toInt(), setting);
}

void tst_ServerSecurity::generatedMasterKeyIsPrivate()
{
    startServer();
    const QFileInfo key(QDir(m_server->dataDir()).filePath(QStringLiteral("master.key")));
    QVERIFY(key.exists());
    QCOMPARE(key.size(), 32);
    QCOMPARE(key.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());
}

void tst_ServerSecurity::masterKeyFileOptionAcceptsHex()
{
    QTemporaryDir keyDir;
    const QString keyPath = QDir(keyDir.path()).filePath(QStringLiteral("key.hex"));
    QFile file(keyPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Ids::randomBytes(32).toHex() + '\n');
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.close();
    startServer([&keyPath](ServerConfig &c) { c.masterKeyFile = keyPath; });
    const QString secret = createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/x")))[QStringLiteral("secret")].toString();
    QVERIFY(m_server->restart());
    QVERIFY(!QFile::exists(QDir(m_server->dataDir()).filePath(QStringLiteral("master.key"))));
    m_client->setBase(m_server->url(QStringLiteral("/")));
    QCOMPARE(m_client->get(kBase).data().size(), 1);
    for (const QByteArray &form : forms(secret))
        QCOMPARE(occurrencesOnDisk(form), 0);
}

void tst_ServerSecurity::httpsRoundTrip()
{
    QTemporaryDir dir;
    const SelfSignedCertificate certificate(dir.path());
    startTlsServer(certificate);
    QVERIFY(m_server->server().baseUrl().startsWith(QLatin1String("https://127.0.0.1:")));

    // A client that does not trust the certificate gets no answer.
    const auto untrusted = ApiTestClient(m_server->url(QStringLiteral("/"))).get(QStringLiteral("/api/health"));
    QCOMPARE(untrusted.status, 0);
    QVERIFY(!untrusted.networkError.isEmpty());

    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates({certificate.certificate()});
    m_client->setSslConfiguration(trusting);
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
    const QJsonObject created = createEndpoint(QUrl(QStringLiteral("https://hooks.example.com/tls")));
    QVERIFY(created[QStringLiteral("secret")].toString().startsWith(QLatin1String("whs_")));
    QCOMPARE(m_client->get(kBase).data().size(), 1);
}

void tst_ServerSecurity::plainHttpOnTheHttpsPortFailsCleanly()
{
    QTemporaryDir dir;
    const SelfSignedCertificate certificate(dir.path());
    startTlsServer(certificate);
    for (int i = 0; i < 3; ++i) {
        RawHttpClient plain(m_server->server().port());
        QVERIFY(plain.waitForConnected());
        plain.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(plain.waitForClosed(3000));
        QVERIFY(!plain.waitForResponse(10)); // no HTTP answer in clear
    }
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates({certificate.certificate()});
    m_client->setSslConfiguration(trusting);
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
}

void tst_ServerSecurity::tlsNeedsCertificateAndKey_data()
{
    QTest::addColumn<bool>("withCert");
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<QString>("keyFile"); // "cert": the certificate file given as key
    QTest::addColumn<QString>("error");
    QTest::newRow("certificate only") << true << false << QString() << QStringLiteral("--tls-cert and --tls-key go together");
    QTest::newRow("key only") << false << true << QString() << QStringLiteral("--tls-cert and --tls-key go together");
    QTest::newRow("no key in key file") << true << true << QStringLiteral("cert") << QStringLiteral("no unencrypted PEM private key");
    QTest::newRow("missing key file") << true << true << QStringLiteral("missing") << QStringLiteral("cannot read");
}

void tst_ServerSecurity::tlsNeedsCertificateAndKey()
{
    QFETCH(bool, withCert);
    QFETCH(bool, withKey);
    QFETCH(QString, keyFile);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const SelfSignedCertificate certificate(dir.path());
    m_server = std::make_unique<TestServer>([&](ServerConfig &c) {
        if (withCert)
            c.tlsCertFile = certificate.certificatePath();
        if (withKey)
            c.tlsKeyFile = keyFile == QLatin1String("cert") ? certificate.certificatePath()
                : keyFile == QLatin1String("missing")         ? QDir(dir.path()).filePath(QStringLiteral("nope.pem"))
                                                              : certificate.keyPath();
    });
    QVERIFY(!m_server->start());
    QVERIFY2(m_server->lastError().contains(error), qPrintable(m_server->lastError()));
}

QTEST_GUILESS_MAIN(tst_ServerSecurity)
#include "tst_serversecurity.moc"
