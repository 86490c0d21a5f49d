#include "LogFormat.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

// The real server's stderr: syslog priority prefixes when it is the journal stream systemd
// announced, timestamps and level words otherwise, and never the admin token.
class tst_LogFormat : public QObject
{
    Q_OBJECT
private slots:
    void journalGetsPriorityPrefixes_data();
    void journalGetsPriorityPrefixes();

private:
    static QByteArray runServer(const QString &dataDir, const QString &stderrFile, const QByteArray &journalStream);
};

// Starts the server with stderr in stderrFile, waits until it listens, stops it with SIGTERM
// and returns what it logged.
QByteArray tst_LogFormat::runServer(const QString &dataDir, const QString &stderrFile, const QByteArray &journalStream)
{
    QFile(stderrFile).open(QIODevice::WriteOnly); // exists before we stat it
    QByteArray stream = journalStream;
    if (stream == "match") {
        struct stat info {};
        if (stat(QFile::encodeName(stderrFile).constData(), &info) != 0)
            qFatal("cannot stat %s", qPrintable(stderrFile));
        stream = QByteArray::number(qulonglong(info.st_dev)) + ':' + QByteArray::number(qulonglong(info.st_ino));
    }
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_MESSAGE_PATTERN"));
    env.remove(QStringLiteral("ENA_WEBHOOKS_TOKEN"));
    if (!stream.isEmpty())
        env.insert(QStringLiteral("JOURNAL_STREAM"), QString::fromLatin1(stream));
    process.setProcessEnvironment(env);
    process.setStandardErrorFile(stderrFile);
    process.start(QStringLiteral(ENA_SERVER_BINARY), {QStringLiteral("--port"), QStringLiteral("0"),
                                                      QStringLiteral("--data-dir"), dataDir});
    if (!process.waitForStarted() || !QTest::qWaitFor([&] { return process.canReadLine(); }, 10000))
        return {};
    process.terminate();
    process.waitForFinished(10000);
    QFile file(stderrFile);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

void tst_LogFormat::journalGetsPriorityPrefixes_data()
{
    QTest::addColumn<QByteArray>("journalStream");
    QTest::addColumn<QString>("firstLine"); // pattern of the "admin token generated" line
    QTest::newRow("stderr is the journal") << QByteArray("match") << QStringLiteral(R"(^<6>admin token generated into \S+admin-token$)");
    QTest::newRow("no journal") << QByteArray() << QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3} info: admin token generated into \S+admin-token$)");
    // A child whose stderr was redirected inherits JOURNAL_STREAM; it must not claim the journal.
    QTest::newRow("inherited, other stream") << QByteArray("1:1") << QStringLiteral(R"(^\d{4}-\d\d-\d\dT.* info: admin token generated)");
}

void tst_LogFormat::journalGetsPriorityPrefixes()
{
    QFETCH(QByteArray, journalStream);
    QFETCH(QString, firstLine);
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    const QByteArray log = runServer(dataDir, dir.filePath(QStringLiteral("stderr.log")), journalStream);
    const QList<QByteArray> lines = log.trimmed().split('\n');
    QVERIFY2(!log.isEmpty(), "the server logged nothing");
    const auto tokenLine = std::find_if(lines.cbegin(), lines.cend(), [](const QByteArray &l) { return l.contains("admin token"); });
    QVERIFY2(tokenLine != lines.cend(), log.constData());
    QVERIFY2(QRegularExpression(firstLine).match(QString::fromUtf8(*tokenLine)).hasMatch(), tokenLine->constData());
    if (journalStream == "match") {
        for (const QByteArray &line : lines)
            QVERIFY2(QRegularExpression(QStringLiteral(R"(^<[0-7]>)")).match(QString::fromUtf8(line)).hasMatch(), line.constData());
    }
    QFile tokenFile(dataDir + QStringLiteral("/admin-token"));
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    const QByteArray token = tokenFile.readAll().trimmed();
    QVERIFY(token.size() >= 20);
    QVERIFY2(!log.contains(token), "the admin token reached the log");
}

QTEST_MAIN(tst_LogFormat)
#include "tst_logformat.moc"
