#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QUrl>

class SecretVault;

// Runs the ena-webhooks-server that ships next to the console as a child process for the
// "This computer" profile: port 0 on 127.0.0.1, data in the user's data dir, an admin token
// generated once and kept in the keychain, handed over in the environment (never argv).
class BundledServer : public QObject
{
    Q_OBJECT
public:
    explicit BundledServer(SecretVault *vault, QObject *parent = nullptr);
    ~BundledServer() override;

    static QString defaultProgram();  // next to the console executable
    static QString defaultDataDir();  // <AppDataLocation>/server
    void setProgram(const QString &program) { m_program = program; }
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    QString program() const { return m_program; }
    QString dataDir() const { return m_dataDir; }

    void start();
    // Asks the server to shut down cleanly (SIGTERM) and waits for it.
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QUrl baseUrl() const { return m_baseUrl; }
    QByteArray token() const { return m_token; }
    qint64 processId() const { return m_process.processId(); }

signals:
    void ready(const QUrl &baseUrl, const QByteArray &token);
    void failed(const QString &message);

private:
    void launch(const QByteArray &token);
    void readAnnouncement();
    void forwardLog();
    void processEnded(int exitCode, QProcess::ExitStatus status);
    static QString generateToken();

    SecretVault *m_vault;
    QProcess m_process;
    QString m_program;
    QString m_dataDir;
    QByteArray m_token;
    QByteArray m_stdout;
    QString m_lastLogLine;
    QUrl m_baseUrl;
    bool m_stopping = false;
};
