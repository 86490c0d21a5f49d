#include "WebhookServer.h"

#include "ApiGateway.h"
#include "Authenticator.h"
#include "DataDirLock.h"
#include "DataDirectory.h"
#include "Database.h"
#include "DeliveriesApi.h"
#include "DeliveryStore.h"
#include "Dispatcher.h"
#include "EndpointStore.h"
#include "EndpointsApi.h"
#include "EventCatalog.h"
#include "EventIntake.h"
#include "EventPublisher.h"
#include "EventsApi.h"
#include "HealthApi.h"
#include "HttpFront.h"
#include "HttpSender.h"
#include "IdempotencyStore.h"
#include "Metrics.h"
#include "MetricsApi.h"
#include "Rfc3339.h"
#include "Router.h"
#include "ServerSecurity.h"
#include "StoreError.h"
#include "TokenFiles.h"

#include <QDir>

namespace {
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;
constexpr int kRetentionIntervalMs = 60 * 60 * 1000;
// Checks a database of about 3,000,000 deliveries in the page cache, or 500,000 read cold
// from a slow disk; a larger one starts after this long with the rest unchecked.
constexpr int kIntegrityCheckMs = 5000;
} // namespace

WebhookServer::WebhookServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    connect(&m_retentionTimer, &QTimer::timeout, this, &WebhookServer::pruneHistory);
}

WebhookServer::~WebhookServer()
{
    stop();
}

std::optional<QString> WebhookServer::start()
{
    if (auto error = DataDirectory::prepare(m_config.dataDir))
        return error;
    // Before anything in the directory is read: a second server must not touch the database.
    m_lock = std::make_unique<DataDirLock>(m_config.dataDir);
    if (auto error = m_lock->acquire())
        return error;
    if (auto error = loadTokens())
        return error;
    m_catalog = std::make_unique<EventCatalog>();
    if (auto error = m_catalog->load(m_config.eventTypesFile))
        return error;
    if (auto error = openDatabase())
        return error;
    m_security = std::make_unique<ServerSecurity>(m_config);
    if (auto error = m_security->prepare(*m_db))
        return error;

    wire();
    QString listenError;
    m_port = m_front->listenGuarded(m_config.listenAddress, m_config.port, m_security->httpLimits(),
                                    m_security->tls(), &listenError);
    if (m_port == 0)
        return QStringLiteral("cannot listen on %1 port %2: %3")
            .arg(m_config.listenAddress.toString()).arg(m_config.port).arg(listenError);
    m_lock->announce(baseUrl());
    try {
        m_dispatcher->start();
        pruneHistory();
    } catch (const StoreError &error) {
        return QString::fromUtf8(error.what());
    }
    m_retentionTimer.start(kRetentionIntervalMs);
    return std::nullopt;
}

void WebhookServer::stop()
{
    m_retentionTimer.stop();
    if (m_intake)
        m_intake->flush(); // what was accepted into the batch is committed before the end
    if (m_dispatcher)
        m_dispatcher->stop();
    m_front.reset(); // sends the answers of that batch before closing the connections
}

QString WebhookServer::baseUrl() const
{
    const QString host = m_config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + m_config.listenAddress.toString() + QLatin1Char(']')
        : m_config.listenAddress.toString();
    const bool tls = m_security && m_security->tls();
    return QStringLiteral("%1://%2:%3").arg(tls ? QStringLiteral("https") : QStringLiteral("http"), host).arg(m_port);
}

std::optional<QString> WebhookServer::openDatabase()
{
    if (auto error = DataDirectory::checkDatabaseFile(m_config.dataDir))
        return error;
    m_db = std::make_unique<Database>();
    Database::Options options;
    options.durability = m_config.durability;
    options.integrityCheckMs = kIntegrityCheckMs;
    return m_db->open(DataDirectory::databasePath(m_config.dataDir), options);
}

std::optional<QString> WebhookServer::loadTokens()
{
    QString error;
    if (!m_config.tokenFile.isEmpty()) {
        auto token = TokenFiles::read(m_config.tokenFile, &error);
        if (!token)
            return error;
        m_adminToken = *token;
    } else if (const QByteArray fromEnv = qgetenv("ENA_WEBHOOKS_TOKEN").trimmed(); !fromEnv.isEmpty()) {
        m_adminToken = fromEnv;
    } else {
        const QString path = QDir(m_config.dataDir).filePath(QStringLiteral("admin-token"));
        bool created = false;
        auto token = TokenFiles::readOrCreate(path, &created, &error);
        if (!token)
            return error;
        m_adminToken = *token;
        qInfo("admin token %s %s", created ? "generated into" : "read from", qUtf8Printable(path));
    }
    if (!m_config.publishTokenFile.isEmpty()) {
        auto token = TokenFiles::read(m_config.publishTokenFile, &error);
        if (!token)
            return error;
        m_publishToken = *token;
    }
    return std::nullopt;
}

void WebhookServer::wire()
{
    m_endpoints = std::make_unique<EndpointStore>(*m_db);
    m_deliveries = std::make_unique<DeliveryStore>(*m_db);
    m_idempotency = std::make_unique<IdempotencyStore>(*m_db);
    m_sender = std::make_unique<HttpSender>(AddressGuard(m_config.allowPrivateNetwork));
    Dispatcher::Limits limits;
    limits.timeoutMs = m_config.deliveryTimeoutMs;
    m_dispatcher = std::make_unique<Dispatcher>(
        *m_deliveries, *m_sender,
        RetryPolicy(m_config.retryScheduleMs.isEmpty() ? RetryPolicy::standardDelaysMs() : m_config.retryScheduleMs),
        limits);
    Dispatcher *dispatcher = m_dispatcher.get();
    m_publisher = std::make_unique<EventPublisher>(*m_endpoints, *m_deliveries, [dispatcher] { dispatcher->wake(); });
    m_publisher->setHandoff({[dispatcher](const QString &endpointId) { return dispatcher->takesAtOnce(endpointId); },
                             [dispatcher](const QList<DueDelivery> &due) { dispatcher->take(due); }});

    m_router = std::make_unique<Router>();
    m_authenticator = std::make_unique<Authenticator>(m_adminToken, m_publishToken);
    EndpointStore *endpoints = m_endpoints.get();
    m_endpointsApi = std::make_unique<EndpointsApi>(*m_endpoints, *m_catalog, [dispatcher, endpoints](const QString &id) {
        if (!endpoints->find(id))
            dispatcher->endpointRemoved(id);
        else
            dispatcher->endpointChanged(id);
    }, AddressGuard(m_config.allowPrivateNetwork));
    m_deliveriesApi = std::make_unique<DeliveriesApi>(*m_endpoints, *m_deliveries, *m_catalog, *m_publisher,
                                                      [dispatcher] { dispatcher->wake(); });
    m_intake = std::make_unique<EventIntake>(*m_db, *m_publisher, *m_idempotency);
    m_eventsApi = std::make_unique<EventsApi>(*m_catalog, *m_intake, *m_idempotency);
    m_healthApi = std::make_unique<HealthApi>(m_db->health());
    m_endpointsApi->registerRoutes(*m_router);
    m_deliveriesApi->registerRoutes(*m_router);
    m_eventsApi->registerRoutes(*m_router);
    m_healthApi->registerRoutes(*m_router);
    m_gateway = std::make_unique<ApiGateway>(*m_router, *m_authenticator, m_config.maxBodyBytes);
    EventIntake *intake = m_intake.get();
    m_gateway->setSettler([intake] { intake->flush(); });
    wireMetrics();
    m_security->wire(*m_db, *m_router, *m_gateway);
    m_front = std::make_unique<HttpFront>(*m_gateway);
}

void WebhookServer::wireMetrics()
{
    m_metrics = std::make_unique<Metrics>();
    m_metricsApi = std::make_unique<MetricsApi>(*m_metrics, *m_deliveries, *m_dispatcher, m_config.metricsPublic);
    m_metricsApi->registerRoutes(*m_router);
    Metrics *metrics = m_metrics.get();
    m_gateway->setObserver([metrics](const ApiRequest &request, const QString &route, int status) {
        metrics->countRequest(request.method, route, status);
    });
    connect(m_dispatcher.get(), &Dispatcher::attemptsRecorded, this, [metrics](const QList<AttemptOutcome> &outcomes) {
        for (const AttemptOutcome &outcome : outcomes)
            metrics->countAttempt(outcome);
    });
}

void WebhookServer::pruneHistory()
{
    try {
        const qint64 now = Rfc3339::nowMs();
        const int pruned = m_deliveries->prune(now - m_config.retentionDays * kDayMs);
        m_idempotency->prune(now - kDayMs);
        if (pruned > 0)
            qInfo("retention: deleted %d deliveries older than %d days", pruned, m_config.retentionDays);
    } catch (const StoreError &error) {
        qWarning("retention run failed: %s", error.what());
    }
}
