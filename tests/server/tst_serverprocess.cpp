#include "ApiTestClient.h"
#include "EnaVersion.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// The ena-webhooks-server executable as an operator runs it: announcement, signals, exit codes.
class tst_ServerProcess : public QObject
{
    Q_OBJECT
private slots:
    void announcesAndStopsCleanly_data();
    void announcesAndStopsCleanly();
    void badArgumentsExitWithMessage_data();
    void badArgumentsExitWithMessage();
    void version();
    void secondServerOnTheSameDataDirRefuses();
    void killedServerDoesNotBlockTheNextStart();
};

namespace {
const QString kBinary = QStringLiteral(ENA_SERVER_BINARY);

// Starts the binary on dataDir at port 0; the base URL it announces, or empty.
QUrl startServer(QProcess &server, const QString &dataDir)
{
    server.start(kBinary, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir});
    if (!server.waitForStarted() || !QTest::qWaitFor([&] { return server.canReadLine(); }, 10000))
        return {};
    const QByteArray line = server.readLine().trimmed();
    if (!line.startsWith("listening on "))
        return {};
    return QUrl(QString::fromUtf8(line.mid(int(qstrlen("listening on ")))));
}
} // namespace

void tst_ServerProcess::announcesAndStopsCleanly_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void tst_ServerProcess::announcesAndStopsCleanly()
{
    QFETCH(int, signalNumber);
    QTemporaryDir dir;
    QProcess server;
    server.start(kBinary, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(server.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10000);
    const QString line = QString::fromUtf8(server.readLine()).trimmed();
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^listening on http://127\.0\.0\.1:\d+$)")).match(line).hasMatch(), qPrintable(line));
    ::kill(static_cast<pid_t>(server.processId()), signalNumber);
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    const QByteArray log = server.readAllStandardError();
    QVERIFY(log.contains(dir.filePath(QStringLiteral("admin-token")).toUtf8())); // the path is logged...
    QFile token(dir.filePath(QStringLiteral("admin-token")));
    QVERIFY(token.open(QIODevice::ReadOnly));
    QVERIFY(!log.contains(token.readAll().trimmed())); // ...never the token
}

void tst_ServerProcess::badArgumentsExitWithMessage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("--bogus")} << QStringLiteral("bogus");
    QTest::newRow("bad port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")} << QStringLiteral("--port");
    QTest::newRow("bad address") << QStringList{QStringLiteral("--listen"), QStringLiteral("localhost:1")} << QStringLiteral("--listen");
    QTest::newRow("bad schedule") << QStringList{QStringLiteral("--retry-schedule"), QStringLiteral("0,5x")} << QStringLiteral("--retry-schedule");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("--delivery-timeout"), QStringLiteral("soon")} << QStringLiteral("--delivery-timeout");
    QTest::newRow("bad retention") << QStringList{QStringLiteral("--retention-days"), QStringLiteral("0")} << QStringLiteral("--retention-days");
}

void tst_ServerProcess::badArgumentsExitWithMessage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QProcess server;
    server.start(kBinary, arguments);
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(server.readAllStandardError()).contains(mentions), qPrintable(mentions));
}

void tst_ServerProcess::version()
{
    QProcess server;
    server.start(kBinary, {QStringLiteral("--version")});
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitCode(), 0);
    QCOMPARE(server.readAllStandardOutput().trimmed(), QByteArray("ena-webhooks-server " ENA_WEBHOOKS_VERSION));
}

void tst_ServerProcess::secondServerOnTheSameDataDirRefuses()
{
    QTemporaryDir dir;
    QProcess first;
    const QUrl base = startServer(first, dir.path());
    QVERIFY(base.isValid() && !base.isEmpty());

    QProcess second;
    second.start(kBinary, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    QCOMPARE(second.readAllStandardOutput(), QByteArray()); // never announced, never listened
    const QString message = QString::fromUtf8(second.readAllStandardError()).trimmed();
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message)); // one line
    QVERIFY2(message.contains(QStringLiteral("pid %1").arg(first.processId())), qPrintable(message));
    QVERIFY2(message.contains(base.toString()), qPrintable(message));
    QVERIFY2(message.contains(dir.path()), qPrintable(message));

    // The first one was left alone and still serves.
    QCOMPARE(ApiTestClient(base).get(QStringLiteral("/api/health")).status, 200);
    first.terminate();
    QVERIFY(first.waitForFinished(10000));
    QCOMPARE(first.exitCode(), 0);
    // Once it has stopped, the directory is free again.
    QProcess third;
    QVERIFY(!startServer(third, dir.path()).isEmpty());
    third.terminate();
    QVERIFY(third.waitForFinished(10000));
}

void tst_ServerProcess::killedServerDoesNotBlockTheNextStart()
{
    QTemporaryDir dir;
    QProcess first;
    QVERIFY(!startServer(first, dir.path()).isEmpty());
    first.kill(); // SIGKILL: no chance to clean anything up
    QVERIFY(first.waitForFinished(10000));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("server.lock")))); // left behind, yet no obstacle

    QProcess second;
    const QUrl base = startServer(second, dir.path());
    QVERIFY2(!base.isEmpty(), second.readAllStandardError().constData());
    QCOMPARE(ApiTestClient(base).get(QStringLiteral("/api/health")).status, 200);
    second.terminate();
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_ServerProcess)
#include "tst_serverprocess.moc"
