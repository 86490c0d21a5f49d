#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// The real ena-webhooks-console with its real bundled ena-webhooks-server (issue 23): however the
// console goes away, its server must not stay behind.
class tst_ConsoleLifetime : public QObject
{
    Q_OBJECT

    // The bundled server among the console's children, 0 while there is none.
    static qint64 bundledServer(qint64 console)
    {
        QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(console));
        if (!children.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &pid : children.readAll().split(' ')) {
            QFile comm(QStringLiteral("/proc/%1/comm").arg(QString::fromLatin1(pid.trimmed())));
            if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("ena-webhooks-se"))
                return pid.trimmed().toLongLong();
        }
        return 0;
    }
    // True once the console talks to its server: an established TCP connection on one of the
    // server's sockets. Before that, killing the console tests nothing but a half-started server.
    static bool servingTheConsole(qint64 server)
    {
        QSet<QByteArray> sockets;
        QDir fds(QStringLiteral("/proc/%1/fd").arg(server));
        for (const QFileInfo &fd : fds.entryInfoList(QDir::Files | QDir::System))
            if (const QString target = fd.symLinkTarget(); target.contains(QStringLiteral("socket:[")))
                sockets.insert(target.section(QLatin1Char('['), 1).chopped(1).toLatin1());
        QFile tcp(QStringLiteral("/proc/%1/net/tcp").arg(server));
        if (!tcp.open(QIODevice::ReadOnly))
            return false;
        for (const QByteArray &line : tcp.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() > 9 && fields.at(3) == "01" && sockets.contains(fields.at(9)))
                return true;
        }
        return false;
    }
    // A process that has exited counts as gone even while nobody has reaped it yet.
    static bool running(qint64 pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = stat.readAll();
        const qsizetype afterName = text.lastIndexOf(')');
        return afterName > 0 && text.mid(afterName + 2, 1) != "Z";
    }

private slots:
    void bundledServerStopsWithTheConsole_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM (logout, kill)") << int(SIGTERM);
        QTest::newRow("SIGINT (Ctrl+C)") << int(SIGINT);
        QTest::newRow("SIGHUP (terminal closed)") << int(SIGHUP);
        QTest::newRow("SIGKILL (no chance to clean up)") << int(SIGKILL);
    }
    void bundledServerStopsWithTheConsole()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QProcess console;
        console.setProcessEnvironment(environment);
        console.setProcessChannelMode(QProcess::ForwardedChannels);
        console.start(QStringLiteral(ENA_CONSOLE_BINARY), {});
        QVERIFY(console.waitForStarted());

        qint64 server = 0;
        QTRY_VERIFY_WITH_TIMEOUT((server = bundledServer(console.processId())) > 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(servingTheConsole(server), 20000);
        const auto noStrayServer = qScopeGuard([&] { // also behind a failed check
            if (running(server))
                ::kill(pid_t(server), SIGKILL);
        });
        ::kill(pid_t(console.processId()), signalNumber);

        QTRY_VERIFY_WITH_TIMEOUT(!running(server), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(console.state() == QProcess::NotRunning, 10000);
        if (signalNumber != SIGKILL) // quit as if by the menu: a normal exit
            QCOMPARE(console.exitStatus(), QProcess::NormalExit);
    }
};

QTEST_GUILESS_MAIN(tst_ConsoleLifetime)
#include "tst_consolelifetime.moc"
