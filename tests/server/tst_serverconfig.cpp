#include "ApiTestClient.h"
#include "SelfSignedCertificate.h"
#include "ServerConfig.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// The configuration file (--config): keys are the long flags, flags win, bad lines give an
// error that names the file and line; checked through ServerConfig::parse and the real binary.
class tst_ServerConfig : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void appliesEveryKey();
    void flagsWinOverTheFile();
    void commentsBlankLinesAndSpacing();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void missingFileIsAnError();
    void checkConfigReportsOk();
    void checkConfigOpensEveryFile_data();
    void checkConfigOpensEveryFile();
    void checkConfigPassesWhatStarts();
    void packagedDefaultConfigIsValid();
    void binaryRefusesBadConfigWithExitCode2();
    void binaryServesWithConfigFile();

private:
    QString writeConfig(const QByteArray &content);
    QString writeFile(const QString &name, const QByteArray &content);
    // Runs the binary with --config (content) --check-config; its exit code, stdout and stderr.
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    Outcome checkConfig(const QByteArray &content);
    ServerConfig::ParseResult parse(const QStringList &arguments, ServerConfig &config);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_files = 0;
};

void tst_ServerConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString tst_ServerConfig::writeConfig(const QByteArray &content)
{
    const QString path = m_dir->filePath(QStringLiteral("server-%1.conf").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString tst_ServerConfig::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

tst_ServerConfig::Outcome tst_ServerConfig::checkConfig(const QByteArray &content)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("ENA_WEBHOOKS_TOKEN"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ENA_SERVER_BINARY), {QStringLiteral("--config"), writeConfig(content), QStringLiteral("--check-config")});
    if (!process.waitForFinished(10000))
        return {};
    return {process.exitCode(), process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

ServerConfig::ParseResult tst_ServerConfig::parse(const QStringList &arguments, ServerConfig &config)
{
    return ServerConfig::parse(QStringList{QStringLiteral("ena-webhooks-server")} + arguments, config);
}

void tst_ServerConfig::appliesEveryKey()
{
    const QString path = writeConfig("listen = 127.0.0.2\n"
                                     "port = 9123\n"
                                     "data-dir = /srv/webhooks\n"
                                     "token-file = /etc/ena/admin\n"
                                     "publish-token-file = /etc/ena/publish\n"
                                     "event-types = /etc/ena/types.json\n"
                                     "allow-private-network = true\n"
                                     "delivery-timeout = 2s\n"
                                     "retry-schedule = 0,1s,1m\n"
                                     "retention-days = 7\n"
                                     "durability = process-crash\n"
                                     "metrics-public = yes\n");
    ServerConfig config;
    const auto result = parse({QStringLiteral("--config"), path}, config);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.action, ServerConfig::Action::Run);
    QCOMPARE(config.listenAddress, QHostAddress(QStringLiteral("127.0.0.2")));
    QCOMPARE(config.port, quint16(9123));
    QCOMPARE(config.dataDir, QStringLiteral("/srv/webhooks"));
    QCOMPARE(config.tokenFile, QStringLiteral("/etc/ena/admin"));
    QCOMPARE(config.publishTokenFile, QStringLiteral("/etc/ena/publish"));
    QCOMPARE(config.eventTypesFile, QStringLiteral("/etc/ena/types.json"));
    QVERIFY(config.allowPrivateNetwork);
    QCOMPARE(config.deliveryTimeoutMs, 2000);
    QCOMPARE(config.retryScheduleMs, (QList<qint64>{0, 1000, 60000}));
    QCOMPARE(config.retentionDays, 7);
    QCOMPARE(config.durability, Durability::ProcessCrash);
    QVERIFY(config.metricsPublic);
}

void tst_ServerConfig::flagsWinOverTheFile()
{
    const QString path = writeConfig("port = 9123\nretention-days = 7\ndata-dir = /from/file\n");
    ServerConfig config;
    // The flag comes before --config on purpose: the order on the command line does not matter.
    const auto result = parse({QStringLiteral("--port"), QStringLiteral("9999"), QStringLiteral("--config"), path,
                               QStringLiteral("--data-dir=/from/flag")}, config);
    QCOMPARE(result.error, QString());
    QCOMPARE(config.port, quint16(9999));
    QCOMPARE(config.dataDir, QStringLiteral("/from/flag"));
    QCOMPARE(config.retentionDays, 7); // not given as a flag: the file's value
}

void tst_ServerConfig::commentsBlankLinesAndSpacing()
{
    const QString path = writeConfig("# a comment\n\n   \n\t# indented comment\n"
                                     "port=8111\n"
                                     "  retention-days   =   12  \n"
                                     "allow-private-network = false\n"
                                     "data-dir = /path/with=equals\n");
    ServerConfig config;
    const auto result = parse({QStringLiteral("--config"), path}, config);
    QCOMPARE(result.error, QString());
    QCOMPARE(config.port, quint16(8111));
    QCOMPARE(config.retentionDays, 12);
    QVERIFY(!config.allowPrivateNetwork);
    QCOMPARE(config.dataDir, QStringLiteral("/path/with=equals"));
}

void tst_ServerConfig::rejectsBadFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // after "<path> "

    QTest::newRow("bad port") << QByteArray("port = abc\n") << QStringLiteral("line 1: --port: \"abc\" is not a port number (0-65535)");
    QTest::newRow("bad later line") << QByteArray("# c\n\nretention-days = 0\n")
                                    << QStringLiteral("line 3: --retention-days: \"0\" is not a whole number of days from 1");
    QTest::newRow("bad duration") << QByteArray("delivery-timeout = soon\n") << QStringLiteral("line 1: --delivery-timeout: \"soon\"");
    QTest::newRow("bad address") << QByteArray("listen = localhost.example\n") << QStringLiteral("line 1: --listen: \"localhost.example\" is not an IP address");
    QTest::newRow("unknown key") << QByteArray("colour = blue\n") << QStringLiteral("line 1: unknown key \"colour\"");
    QTest::newRow("misspelt key") << QByteArray("port = 1\nretention_days = 3\n") << QStringLiteral("line 2: unknown key \"retention_days\"");
    QTest::newRow("config is not a key") << QByteArray("config = /etc/other.conf\n") << QStringLiteral("line 1: unknown key \"config\"");
    QTest::newRow("help is not a key") << QByteArray("help = true\n") << QStringLiteral("line 1: unknown key \"help\"");
    QTest::newRow("no equals sign") << QByteArray("port 8470\n") << QStringLiteral("line 1: expected \"key = value\", got \"port 8470\"");
    QTest::newRow("empty value") << QByteArray("token-file =\n") << QStringLiteral("line 1: token-file: no value after \"=\"");
    QTest::newRow("unknown durability") << QByteArray("durability = fsync\n")
                                        << QStringLiteral("line 1: --durability: \"fsync\" is not power-loss or process-crash");
    QTest::newRow("switch not boolean") << QByteArray("allow-private-network = maybe\n")
                                        << QStringLiteral("line 1: allow-private-network: \"maybe\" is not true or false");
}

void tst_ServerConfig::rejectsBadFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = writeConfig(content);
    ServerConfig config;
    const auto result = parse({QStringLiteral("--config"), path}, config);
    QVERIFY2(result.error.startsWith(path + QLatin1Char(' ') + expected), qPrintable(result.error));
}

void tst_ServerConfig::missingFileIsAnError()
{
    ServerConfig config;
    const QString path = m_dir->filePath(QStringLiteral("absent.conf"));
    const auto result = parse({QStringLiteral("--config"), path}, config);
    QVERIFY2(result.error.startsWith(QStringLiteral("cannot read configuration file %1: ").arg(path)), qPrintable(result.error));
}

void tst_ServerConfig::checkConfigReportsOk()
{
    ServerConfig config;
    const auto ok = parse({QStringLiteral("--config"), writeConfig("port = 1234\n"), QStringLiteral("--check-config")}, config);
    QCOMPARE(ok.error, QString());
    QCOMPARE(ok.action, ServerConfig::Action::CheckConfig);
    QCOMPARE(ok.text, QStringLiteral("configuration ok\n"));
    const auto bad = parse({QStringLiteral("--config"), writeConfig("port = -1\n"), QStringLiteral("--check-config")}, config);
    QVERIFY(bad.error.contains(QLatin1String("line 1: --port")));
}

void tst_ServerConfig::checkConfigOpensEveryFile_data()
{
    // key: the configuration key naming the file; content: what the file holds (a null array:
    // it does not exist). data-dir rows: "under a file", "empty admin token", "empty database".
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("content");
    const QByteArray missing;
    QTest::newRow("event types missing") << QStringLiteral("event-types") << missing;
    QTest::newRow("event types not an array") << QStringLiteral("event-types") << QByteArray(R"({"name":"a.b"})");
    QTest::newRow("event type badly named") << QStringLiteral("event-types") << QByteArray(R"([{"name":"Order Shipped"}])");
    QTest::newRow("token file missing") << QStringLiteral("token-file") << missing;
    QTest::newRow("token file empty") << QStringLiteral("token-file") << QByteArray("\n");
    QTest::newRow("publish token file missing") << QStringLiteral("publish-token-file") << missing;
    QTest::newRow("publish token file empty") << QStringLiteral("publish-token-file") << QByteArray("");
    QTest::newRow("master key missing") << QStringLiteral("master-key-file") << missing;
    QTest::newRow("master key too short") << QStringLiteral("master-key-file") << QByteArray("0123abcd\n");
    QTest::newRow("certificate missing") << QStringLiteral("tls-cert") << missing;
    QTest::newRow("certificate not PEM") << QStringLiteral("tls-cert") << QByteArray("not a certificate\n");
    QTest::newRow("private key missing") << QStringLiteral("tls-key") << missing;
    QTest::newRow("private key not PEM") << QStringLiteral("tls-key") << QByteArray("not a key\n");
    QTest::newRow("data dir below a file") << QStringLiteral("data-dir") << QByteArray("under a file");
    QTest::newRow("generated admin token empty") << QStringLiteral("data-dir") << QByteArray("empty admin token");
    QTest::newRow("empty database beside its master key") << QStringLiteral("data-dir") << QByteArray("empty database");
}

void tst_ServerConfig::checkConfigOpensEveryFile()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, content);
    const SelfSignedCertificate certificate(m_dir->path());
    QVERIFY(certificate.isValid());
    QString dataDir = m_dir->filePath(QStringLiteral("data"));
    QString named; // the file the message must name
    if (key == QLatin1String("data-dir")) {
        QVERIFY(QDir().mkpath(dataDir));
        if (content == "under a file") {
            dataDir = writeFile(QStringLiteral("plain-file"), "x") + QStringLiteral("/data");
            named = dataDir;
        } else if (content == "empty admin token") {
            named = writeFile(QStringLiteral("data/admin-token"), "");
        } else {
            writeFile(QStringLiteral("data/master.key"), QByteArray(64, 'a'));
            named = writeFile(QStringLiteral("data/webhooks.sqlite"), "");
        }
    } else {
        named = content.isNull() ? m_dir->filePath(QStringLiteral("absent-") + key) : writeFile(key, content);
    }
    QByteArray config = "data-dir = " + dataDir.toUtf8() + '\n';
    if (key != QLatin1String("data-dir"))
        config += key.toUtf8() + " = " + named.toUtf8() + '\n';
    // The other half of the TLS pair is good, so the message is about the bad one.
    if (key == QLatin1String("tls-cert"))
        config += "tls-key = " + certificate.keyPath().toUtf8() + '\n';
    if (key == QLatin1String("tls-key"))
        config += "tls-cert = " + certificate.certificatePath().toUtf8() + '\n';

    const Outcome outcome = checkConfig(config);
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(!outcome.out.contains("configuration ok"), outcome.out.constData());
    QVERIFY2(outcome.err.contains(named), qPrintable(outcome.err));
}

void tst_ServerConfig::checkConfigPassesWhatStarts()
{
    const SelfSignedCertificate certificate(m_dir->path());
    QVERIFY(certificate.isValid());
    const QString dataDir = m_dir->filePath(QStringLiteral("new/data"));
    const QByteArray config = "data-dir = " + dataDir.toUtf8() + "\n"
        "token-file = " + writeFile(QStringLiteral("admin"), "admin-token-1234567890\n").toUtf8() + "\n"
        "publish-token-file = " + writeFile(QStringLiteral("publish"), "publish-token-1234567890\n").toUtf8() + "\n"
        "event-types = " + writeFile(QStringLiteral("types.json"), R"([{"name":"order.shipped"}])").toUtf8() + "\n"
        "master-key-file = " + writeFile(QStringLiteral("master.key"), QByteArray(64, 'c') + '\n').toUtf8() + "\n"
        "tls-cert = " + certificate.certificatePath().toUtf8() + "\n"
        "tls-key = " + certificate.keyPath().toUtf8() + "\n"
        "durability = process-crash\n";
    const Outcome outcome = checkConfig(config);
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.out, QByteArray("configuration ok\n"));
    QVERIFY2(!QFile::exists(dataDir), "a check creates nothing");

    // And the same configuration starts.
    QProcess server;
    server.start(QStringLiteral(ENA_SERVER_BINARY), {QStringLiteral("--config"), writeConfig(config), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(server.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return server.canReadLine() || server.state() == QProcess::NotRunning; }, 10000));
    QVERIFY2(server.readLine().startsWith("listening on https://"), server.readAllStandardError().constData());
    server.terminate();
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitCode(), 0);
}

void tst_ServerConfig::packagedDefaultConfigIsValid()
{
    // What the Debian package installs as /etc/ena-webhooks/server.conf: every key commented
    // out, so the server runs with its defaults. Each option of --help is there (the unit sets
    // data-dir), and uncommented, the examples are accepted.
    const QString packaged = QStringLiteral(ENA_SOURCE_DIR "/packaging/server.conf");
    ServerConfig config;
    const auto result = parse({QStringLiteral("--config"), packaged}, config);
    QCOMPARE(result.error, QString());
    QCOMPARE(config.port, quint16(8470));
    QFile file(packaged);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray uncommented;
    QStringList documented;
    static const QRegularExpression commentedKey(QStringLiteral(R"(^#([a-z-]+) = )"));
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (const auto m = commentedKey.match(QString::fromUtf8(line)); m.hasMatch()) {
            uncommented += line.mid(1) + '\n';
            documented.append(m.captured(1));
        }
    }
    const auto help = parse({QStringLiteral("--help")}, config);
    static const QRegularExpression longOption(QStringLiteral(R"(^\s+(?:-\w, )?--([a-z-]+))"), QRegularExpression::MultilineOption);
    const QStringList notInFile{QStringLiteral("help"), QStringLiteral("help-all"), QStringLiteral("version"),
                                QStringLiteral("config"), QStringLiteral("check-config"), QStringLiteral("data-dir")};
    int options = 0;
    for (auto it = longOption.globalMatch(help.text); it.hasNext();) {
        const QString option = it.next().captured(1);
        if (notInFile.contains(option))
            continue;
        ++options;
        QVERIFY2(documented.contains(option), qPrintable(QStringLiteral("packaging/server.conf lacks --%1").arg(option)));
    }
    QVERIFY(options >= 11);
    const auto enabled = parse({QStringLiteral("--config"), writeConfig(uncommented)}, config);
    QCOMPARE(enabled.error, QString());
}

void tst_ServerConfig::binaryRefusesBadConfigWithExitCode2()
{
    QProcess process;
    process.start(QStringLiteral(ENA_SERVER_BINARY),
                  {QStringLiteral("--config"), writeConfig("port = 70000\n"), QStringLiteral("--data-dir"), m_dir->path()});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    const QByteArray stderrText = process.readAllStandardError();
    QVERIFY2(stderrText.contains("line 1: --port: \"70000\" is not a port number"), stderrText.constData());
}

void tst_ServerConfig::binaryServesWithConfigFile()
{
    const QString path = writeConfig(QByteArray("port = 0\nmetrics-public = true\ndata-dir = ") + m_dir->path().toUtf8() + '\n');
    QProcess process;
    process.start(QStringLiteral(ENA_SERVER_BINARY), {QStringLiteral("--config"), path});
    QVERIFY(process.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return process.canReadLine(); }, 10000));
    const QByteArray line = process.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
    const QUrl base(QString::fromLatin1(line.mid(int(qstrlen("listening on ")))));
    ApiTestClient client(base);
    QCOMPARE(client.get(QStringLiteral("/metrics")).status, 200); // metrics-public from the file
    QCOMPARE(client.get(QStringLiteral("/api/integrations/webhooks")).status, 401);
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("admin-token")))); // data-dir from the file
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

QTEST_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
