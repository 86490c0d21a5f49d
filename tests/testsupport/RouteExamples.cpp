#include "RouteExamples.h"

#include "ApiTestClient.h"
#include "Rfc3339.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QRegularExpression>

RouteExamples::RouteExamples(TestServer &server, ApiTestClient &admin)
    : m_server(server)
    , m_admin(admin)
    , m_seeder(server.dataDir())
{
}

QString RouteExamples::path(const Router::Route &route, Ids ids)
{
    QString path = route.pattern;
    if (!path.contains(QLatin1Char(':')))
        return path;
    QString endpointId = QStringLiteral("whe_0000000000doesNotExist");
    QString deliveryId = QStringLiteral("del_0000000000doesNotExist");
    if (ids != Ids::Unknown) {
        const bool ready = ids == Ids::Ready;
        const auto created = m_admin.post(QStringLiteral("/api/integrations/webhooks"),
                                          {{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hook")},
                                           {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                                           {QStringLiteral("enabled"), ready}});
        if (created.status != 201)
            qFatal("cannot create an endpoint for %s: HTTP %d", qUtf8Printable(route.pattern), created.status);
        endpointId = created.json()[QStringLiteral("id")].toString();
        deliveryId = m_seeder.addDelivery(endpointId, Rfc3339::nowMs(), ready ? DeliveryStatus::Failed : DeliveryStatus::Delivered);
    }
    path.replace(QStringLiteral(":delivery_id"), deliveryId);
    path.replace(QStringLiteral(":id"), endpointId);
    return path;
}

QByteArray RouteExamples::validBody(const Router::Route &route)
{
    if (route.input.body() == RouteInput::Body::None)
        return {};
    const QString operation = RouteExamples::operation(route);
    if (operation == QLatin1String("POST /api/integrations/webhooks"))
        return R"({"url":"http://127.0.0.1:9/hook","events":["*"]})";
    if (operation == QLatin1String("PATCH /api/integrations/webhooks/{id}"))
        return R"({"enabled":true})";
    if (operation == QLatin1String("POST /api/integrations/webhooks/{id}/test"))
        return R"({"event":"survey.response.created"})";
    if (operation == QLatin1String("POST /api/events"))
        return R"({"type":"survey.response.created","data":{"n":1}})";
    qFatal("RouteExamples::validBody knows no body for %s; add one", qUtf8Printable(operation));
}

QString RouteExamples::operation(const Router::Route &route)
{
    static const QRegularExpression parameter(QStringLiteral(":([A-Za-z0-9_]+)"));
    return QString::fromLatin1(route.method) + QLatin1Char(' ') + QString(route.pattern).replace(parameter, QStringLiteral("{\\1}"));
}
