#pragma once

#include "HttpLimits.h"
#include "ServerConfig.h"

#include <QSslConfiguration>
#include <memory>
#include <optional>

class ApiGateway;
class AuditApi;
class AuditStore;
class AuditTrail;
class AuthThrottle;
class Database;
class HostAllowlist;
class Router;
class SecretCipher;

// The security parts of the server (docs/security.md) in one place: the master key and the
// sealing of endpoint secrets, TLS, connection limits, the Host check, the wrong-token throttle
// and the audit log. WebhookServer owns one and calls it while starting.
class ServerSecurity
{
public:
    explicit ServerSecurity(const ServerConfig &config);
    ~ServerSecurity();

    // Before any store is used: reads or generates the master key, puts the cipher on db, checks
    // that stored secrets open with it and seals plaintext ones; loads the TLS files.
    std::optional<QString> prepare(Database &db);
    // The audit-log route, and the Host check, throttle and audit trail on the gateway.
    void wire(Database &db, Router &router, ApiGateway &gateway);

    HttpLimits httpLimits() const;
    const std::optional<QSslConfiguration> &tls() const { return m_tls; }

private:
    std::optional<QString> loadMasterKey(Database &db);
    std::optional<QString> loadTls();

    const ServerConfig &m_config;
    std::unique_ptr<SecretCipher> m_cipher;
    std::optional<QSslConfiguration> m_tls;
    std::unique_ptr<HostAllowlist> m_hosts;
    std::unique_ptr<AuthThrottle> m_throttle;
    std::unique_ptr<AuditStore> m_auditStore;
    std::unique_ptr<AuditTrail> m_auditTrail;
    std::unique_ptr<AuditApi> m_auditApi;
};
