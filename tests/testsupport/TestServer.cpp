#include "TestServer.h"

TestServer::TestServer(std::function<void(ServerConfig &)> adjust)
{
    m_config.listenAddress = QHostAddress(QHostAddress::LocalHost);
    m_config.port = 0;
    m_config.dataDir = m_dir.path();
    m_config.allowPrivateNetwork = true; // test receivers live on loopback
    m_config.retryScheduleMs = {0, 200, 400};
    m_config.deliveryTimeoutMs = 3000;
    if (adjust)
        adjust(m_config);
}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start()
{
    m_server = std::make_unique<WebhookServer>(m_config);
    if (auto error = m_server->start()) {
        m_error = *error;
        qWarning("test server did not start: %s", qUtf8Printable(m_error));
        return false;
    }
    return true;
}

bool TestServer::restart()
{
    stop();
    return start();
}

void TestServer::stop()
{
    m_server.reset();
}

QUrl TestServer::url(const QString &path) const
{
    return QUrl(m_server->baseUrl() + path);
}

QByteArray TestServer::token() const
{
    return m_server->adminToken();
}
