#pragma once

#include "ServerConfig.h"
#include "WebhookServer.h"

#include <QTemporaryDir>
#include <QUrl>
#include <memory>

// A real server on 127.0.0.1 port 0 with its own temporary data directory, in this process.
// restart() stops it and starts a new one on the same data directory.
class TestServer
{
public:
    // adjust lets a test change the configuration (schedule, tokens, ...) before start.
    explicit TestServer(std::function<void(ServerConfig &)> adjust = {});
    ~TestServer();

    bool start();
    bool restart();
    void stop();

    WebhookServer &server() { return *m_server; }
    QUrl url(const QString &path) const;
    QByteArray token() const;
    QString dataDir() const { return m_dir.path(); }
    ServerConfig &config() { return m_config; }
    QString lastError() const { return m_error; }

private:
    QTemporaryDir m_dir;
    ServerConfig m_config;
    std::unique_ptr<WebhookServer> m_server;
    QString m_error;
};
