#include "HttpsTestServer.h"

#include "ApiTestClient.h"

#include <QSslConfiguration>

HttpsTestServer::HttpsTestServer()
    : m_first(std::make_unique<SelfSignedCertificate>(m_dir.path(), QStringLiteral("first")))
    , m_second(std::make_unique<SelfSignedCertificate>(m_dir.path(), QStringLiteral("second")))
{
}

bool HttpsTestServer::isValid() const
{
    return m_first->isValid() && m_second->isValid();
}

bool HttpsTestServer::start()
{
    m_server = std::make_unique<TestServer>([this](ServerConfig &config) {
        config.tlsCertFile = m_first->certificatePath();
        config.tlsKeyFile = m_first->keyPath();
    });
    if (!m_server->start() || m_server->url(QString()).scheme() != QLatin1String("https"))
        return false;
    ApiTestClient setup(m_server->url(QString()), m_server->token());
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates({m_first->certificate()});
    setup.setSslConfiguration(ssl);
    return setup.post(QStringLiteral("/api/integrations/webhooks"),
                      {{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/tls")},
                       {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
               .status
        == 201;
}

bool HttpsTestServer::serveWith(const SelfSignedCertificate &certificate)
{
    m_server->config().tlsCertFile = certificate.certificatePath();
    m_server->config().tlsKeyFile = certificate.keyPath();
    return m_server->restart();
}

void HttpsTestServer::stop()
{
    m_server.reset();
}
