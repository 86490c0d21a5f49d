#include "BundledServer.h"

#include "SecretVault.h"
#include "ServerText.h"
#include "ServerProfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <unistd.h>

namespace {
constexpr qsizetype kMaxLogLine = 1000;
}

BundledServer::BundledServer(SecretVault *vault, QObject *parent)
    : QObject(parent)
    , m_vault(vault)
    , m_program(defaultProgram())
    , m_dataDir(defaultDataDir())
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &BundledServer::readAnnouncement);
    connect(&m_process, &QProcess::finished, this, &BundledServer::processEnded);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            emit failed(tr("Cannot start the bundled server %1: %2").arg(m_program, m_process.errorString()));
    });
    // The server's log goes on to our stderr so problems stay visible without a log viewer; its
    // last line says why it stopped (another server on the data directory, a damaged database).
    connect(&m_process, &QProcess::readyReadStandardError, this, &BundledServer::forwardLog);
    // A console that dies without a word (crash, SIGKILL) must not leave its server running for
    // good: the kernel sends the server SIGTERM, on which it stops cleanly.
    m_process.setChildProcessModifier([console = ::getpid()] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != console) // the console died before the line above took effect
            ::_exit(1);
    });
}

BundledServer::~BundledServer()
{
    stop();
}

QString BundledServer::defaultProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ena-webhooks-server"));
}

QString BundledServer::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("server"));
}

void BundledServer::start()
{
    if (isRunning())
        return;
    m_vault->readToken(ServerProfile::localId(), this, [this](const std::optional<QString> &token, const QString &error) {
        if (!error.isEmpty()) {
            emit failed(tr("Cannot read the bundled server's admin token from the keychain: %1").arg(error));
            return;
        }
        if (token && !token->isEmpty()) {
            launch(token->toUtf8());
            return;
        }
        const QString fresh = generateToken();
        m_vault->storeToken(ServerProfile::localId(), fresh, this, [this, fresh](const QString &storeError) {
            if (!storeError.isEmpty())
                emit failed(tr("Cannot keep the bundled server's admin token in the keychain: %1").arg(storeError));
            else
                launch(fresh.toUtf8());
        });
    });
}

void BundledServer::launch(const QByteArray &token)
{
    if (!QDir().mkpath(m_dataDir)) {
        emit failed(tr("Cannot create the data directory %1").arg(m_dataDir));
        return;
    }
    m_token = token;
    m_stdout.clear();
    m_lastLogLine.clear();
    m_baseUrl.clear();
    m_stopping = false;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ENA_WEBHOOKS_TOKEN"), QString::fromUtf8(token));
    m_process.setProcessEnvironment(environment);
    m_process.start(m_program, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                                QStringLiteral("0"), QStringLiteral("--data-dir"), m_dataDir,
                                QStringLiteral("--allow-private-network")});
}

void BundledServer::readAnnouncement()
{
    m_stdout += m_process.readAllStandardOutput();
    if (m_baseUrl.isValid() && !m_baseUrl.isEmpty())
        return;
    const qsizetype end = m_stdout.indexOf('\n');
    if (end < 0)
        return;
    static const QByteArray prefix = QByteArrayLiteral("listening on ");
    const QByteArray line = m_stdout.left(end).trimmed();
    if (!line.startsWith(prefix)) {
        emit failed(tr("The bundled server announced something unexpected: %1").arg(ServerText::plain(QString::fromUtf8(line))));
        return;
    }
    m_baseUrl = QUrl(QString::fromUtf8(line.mid(prefix.size())));
    emit ready(m_baseUrl, m_token);
}

void BundledServer::stop()
{
    if (!isRunning())
        return;
    m_stopping = true;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void BundledServer::forwardLog()
{
    const QByteArray log = m_process.readAllStandardError();
    std::fwrite(log.constData(), 1, size_t(log.size()), stderr);
    for (const QByteArray &line : log.split('\n')) {
        if (!line.trimmed().isEmpty())
            m_lastLogLine = QString::fromUtf8(line.trimmed().left(kMaxLogLine));
    }
}

void BundledServer::processEnded(int exitCode, QProcess::ExitStatus status)
{
    if (m_stopping)
        return;
    forwardLog();
    const QString why = m_lastLogLine.isEmpty() ? QString() : QStringLiteral(": ") + m_lastLogLine;
    if (status == QProcess::CrashExit)
        emit failed(tr("The bundled server crashed") + why);
    else
        emit failed(tr("The bundled server stopped with exit code %1").arg(exitCode) + why);
}

QString BundledServer::generateToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
