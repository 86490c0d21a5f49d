#pragma once

#include "ServerConfig.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

class ApiGateway;
class Authenticator;
class DataDirLock;
class Database;
class DeliveriesApi;
class DeliveryStore;
class Dispatcher;
class EndpointStore;
class EndpointsApi;
class EventCatalog;
class EventIntake;
class EventPublisher;
class EventsApi;
class HealthApi;
class HttpFront;
class HttpSender;
class IdempotencyStore;
class Metrics;
class MetricsApi;
class Router;
class ServerSecurity;

// The whole server wired together: storage, API, delivery. main.cpp and the tests start it.
class WebhookServer : public QObject
{
    Q_OBJECT
public:
    explicit WebhookServer(ServerConfig config, QObject *parent = nullptr);
    ~WebhookServer() override;

    // Locks the data dir, loads tokens and the catalog, opens and checks the database, listens,
    // starts delivering.
    std::optional<QString> start();
    void stop();

    quint16 port() const { return m_port; }
    QString baseUrl() const;
    QByteArray adminToken() const { return m_adminToken; }
    const ServerConfig &config() const { return m_config; }
    Dispatcher &dispatcher() { return *m_dispatcher; }
    Database &database() { return *m_db; } // after start()
    const Router &router() const { return *m_router; } // after start()

private:
    std::optional<QString> openDatabase();
    std::optional<QString> loadTokens();
    void wire();
    void wireMetrics();
    void pruneHistory();

    ServerConfig m_config;
    QByteArray m_adminToken;
    QByteArray m_publishToken;
    quint16 m_port = 0;
    QTimer m_retentionTimer;

    std::unique_ptr<DataDirLock> m_lock; // first: released after everything else has closed
    std::unique_ptr<ServerSecurity> m_security; // before m_db: the database holds its cipher
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventCatalog> m_catalog;
    std::unique_ptr<EndpointStore> m_endpoints;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<IdempotencyStore> m_idempotency;
    std::unique_ptr<HttpSender> m_sender;
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<EventPublisher> m_publisher;
    std::unique_ptr<EventIntake> m_intake;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<EndpointsApi> m_endpointsApi;
    std::unique_ptr<DeliveriesApi> m_deliveriesApi;
    std::unique_ptr<EventsApi> m_eventsApi;
    std::unique_ptr<HealthApi> m_healthApi;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<MetricsApi> m_metricsApi;
    std::unique_ptr<ApiGateway> m_gateway;
    std::unique_ptr<HttpFront> m_front;
};
