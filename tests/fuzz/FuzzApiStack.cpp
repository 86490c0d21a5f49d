#include "FuzzApiStack.h"

#include "ApiGateway.h"
#include "Authenticator.h"
#include "Database.h"
#include "DeferredAnswer.h"
#include "DeliveriesApi.h"
#include "DeliveryStore.h"
#include "EndpointStore.h"
#include "EndpointsApi.h"
#include "EventCatalog.h"
#include "EventIntake.h"
#include "EventPublisher.h"
#include "EventsApi.h"
#include "HealthApi.h"
#include "IdempotencyStore.h"
#include "Router.h"
#include "WriteTransaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

namespace {
constexpr qint64 kMaxBodyBytes = 1024 * 1024;
constexpr qint64 kSeedTimeMs = 1780000000000;

QCoreApplication &application()
{
    // QtSql loads its SQLite driver as a plugin, which needs an application object.
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}
} // namespace

struct FuzzApiStack::Parts
{
    QTemporaryDir dir;
    Database db;
    EventCatalog catalog;
    std::unique_ptr<EndpointStore> endpoints;
    std::unique_ptr<DeliveryStore> deliveries;
    std::unique_ptr<IdempotencyStore> idempotency;
    std::unique_ptr<EventPublisher> publisher;
    std::unique_ptr<EventIntake> intake;
    Router router;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<EndpointsApi> endpointsApi;
    std::unique_ptr<DeliveriesApi> deliveriesApi;
    std::unique_ptr<EventsApi> eventsApi;
    HealthApi healthApi{db.health()};
    std::unique_ptr<ApiGateway> gateway;
};

FuzzApiStack &FuzzApiStack::instance()
{
    application();
    static FuzzApiStack stack;
    return stack;
}

FuzzApiStack::FuzzApiStack()
    : d(std::make_unique<Parts>())
{
    if (auto error = d->catalog.load())
        qFatal("catalog: %s", qUtf8Printable(*error));
    // Inputs are not about durability: no sync per commit.
    Database::Options options;
    options.durability = Durability::ProcessCrash;
    if (auto error = d->db.open(QDir(d->dir.path()).filePath(QStringLiteral("webhooks.sqlite")), options))
        qFatal("database: %s", qUtf8Printable(*error));
    d->endpoints = std::make_unique<EndpointStore>(d->db);
    d->deliveries = std::make_unique<DeliveryStore>(d->db);
    d->idempotency = std::make_unique<IdempotencyStore>(d->db);
    d->publisher = std::make_unique<EventPublisher>(*d->endpoints, *d->deliveries, [] {});
    d->authenticator = std::make_unique<Authenticator>(adminToken(), QByteArrayLiteral("fuzz-publish-token"));
    d->endpointsApi = std::make_unique<EndpointsApi>(*d->endpoints, d->catalog, [](const QString &) {});
    d->deliveriesApi = std::make_unique<DeliveriesApi>(*d->endpoints, *d->deliveries, d->catalog, *d->publisher, [] {});
    d->intake = std::make_unique<EventIntake>(d->db, *d->publisher, *d->idempotency);
    d->eventsApi = std::make_unique<EventsApi>(d->catalog, *d->intake, *d->idempotency);
    d->endpointsApi->registerRoutes(d->router);
    d->deliveriesApi->registerRoutes(d->router);
    d->eventsApi->registerRoutes(d->router);
    d->healthApi.registerRoutes(d->router);
    d->gateway = std::make_unique<ApiGateway>(d->router, *d->authenticator, kMaxBodyBytes);
}

FuzzApiStack::~FuzzApiStack() = default;

QByteArray FuzzApiStack::adminToken()
{
    return QByteArrayLiteral("fuzz-admin-token");
}

QString FuzzApiStack::endpointId()
{
    return QStringLiteral("whe_fuzzFuzzFuzzFuzzFuzzFu");
}

QString FuzzApiStack::deliveryId()
{
    return QStringLiteral("del_fuzzFuzzFuzzFuzzFuzzFu");
}

void FuzzApiStack::reset()
{
    WriteTransaction transaction(d->db);
    for (const char *table : {"attempts", "deliveries", "events", "endpoints", "idempotency_keys"})
        d->db.exec(QStringLiteral("DELETE FROM ") + QLatin1String(table));
    Endpoint endpoint;
    endpoint.id = endpointId();
    endpoint.url = QStringLiteral("http://127.0.0.1:9/hook");
    endpoint.events = {QStringLiteral("*")};
    endpoint.secret = QStringLiteral("whs_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    endpoint.createdAtMs = kSeedTimeMs;
    d->endpoints->insert(endpoint);
    Delivery delivery;
    delivery.id = deliveryId();
    delivery.endpointId = endpoint.id;
    delivery.createdAtMs = kSeedTimeMs;
    d->deliveries->addEvent({QStringLiteral("evt_fuzzFuzzFuzzFuzzFuzzFu"), QStringLiteral("survey.response.created"),
                             QByteArrayLiteral(R"({"n":1})"), kSeedTimeMs, false},
                            {delivery});
    transaction.commit();
}

ApiResponse FuzzApiStack::handle(ApiRequest &request)
{
    reset();
    const ApiResponse response = d->gateway->handle(request);
    if (!response.deferred)
        return response;
    // A published event is answered after its batch commits: commit it now.
    d->intake->flush();
    ApiResponse answer;
    response.deferred->then([&answer](const ApiResponse &final) { answer = final; });
    return answer;
}
