#include "ServerSecurity.h"

#include "ApiGateway.h"
#include "AuditApi.h"
#include "AuditStore.h"
#include "AuditTrail.h"
#include "AuthThrottle.h"
#include "DataDirectory.h"
#include "Database.h"
#include "EndpointStore.h"
#include "HostAllowlist.h"
#include "MasterKeyFile.h"
#include "SecretCipher.h"
#include "SensitiveLogFilter.h"
#include "StoreError.h"
#include "TlsCredentials.h"

#include <QFile>

ServerSecurity::ServerSecurity(const ServerConfig &config)
    : m_config(config)
{
    SensitiveLogFilter::install();
}

ServerSecurity::~ServerSecurity() = default;

std::optional<QString> ServerSecurity::prepare(Database &db)
{
    try {
        if (auto error = loadMasterKey(db))
            return error;
    } catch (const StoreError &error) {
        return QString::fromUtf8(error.what());
    }
    return loadTls();
}

std::optional<QString> ServerSecurity::loadMasterKey(Database &db)
{
    QString error;
    std::optional<QByteArray> key;
    if (!m_config.masterKeyFile.isEmpty()) {
        key = MasterKeyFile::read(m_config.masterKeyFile, &error);
    } else {
        const QString path = DataDirectory::masterKeyPath(m_config.dataDir);
        if (!QFile::exists(path) && EndpointStore(db).hasSealedSecrets())
            return QStringLiteral("%1 is missing, but the database holds secrets encrypted with it; restore it "
                                  "from your backup or pass --master-key-file").arg(path);
        bool created = false;
        key = MasterKeyFile::readOrCreate(path, &created, &error);
        if (key && created)
            qInfo("master key generated into %s; back it up: without it endpoint secrets cannot be read",
                  qUtf8Printable(path));
    }
    if (!key)
        return error;
    m_cipher = std::make_unique<SecretCipher>(*key);
    db.setSecretCipher(m_cipher.get());
    return EndpointStore(db).sealStoredSecrets();
}

std::optional<QString> ServerSecurity::loadTls()
{
    if (m_config.tlsCertFile.isEmpty() && m_config.tlsKeyFile.isEmpty())
        return std::nullopt;
    QString error;
    m_tls = TlsCredentials::load(m_config.tlsCertFile, m_config.tlsKeyFile, &error);
    if (!m_tls)
        return error;
    qInfo("serving HTTPS; certificate SHA-256 fingerprint %s", qUtf8Printable(TlsCredentials::fingerprint(*m_tls)));
    return std::nullopt;
}

void ServerSecurity::wire(Database &db, Router &router, ApiGateway &gateway)
{
    m_hosts = std::make_unique<HostAllowlist>(m_config.listenAddress, m_config.allowedHosts);
    m_throttle = std::make_unique<AuthThrottle>(m_config.authFailureLimit, m_config.authFailureWindowMs);
    m_auditStore = std::make_unique<AuditStore>(db);
    m_auditTrail = std::make_unique<AuditTrail>(*m_auditStore);
    m_auditApi = std::make_unique<AuditApi>(*m_auditStore);
    m_auditApi->registerRoutes(router);
    gateway.setSafeguards(m_hosts.get(), m_throttle.get(), m_auditTrail.get());
}

HttpLimits ServerSecurity::httpLimits() const
{
    HttpLimits limits;
    limits.maxBodyBytes = m_config.maxBodyBytes;
    limits.maxConnections = m_config.maxConnections;
    limits.idleTimeoutMs = m_config.idleTimeoutMs;
    limits.requestTimeoutMs = m_config.requestTimeoutMs;
    return limits;
}
