#include "AuditTrail.h"

#include "AuditStore.h"
#include "Rfc3339.h"
#include "StoreError.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Where an id comes from: a route parameter, or the "id" of the JSON answer (what was created).
enum class From { None, Param, Answer };

struct AuditedRoute
{
    const char *method;
    const char *pattern;
    const char *action;
    From endpoint;
    From delivery;
};

constexpr AuditedRoute kAudited[] = {
    {"POST", "/api/integrations/webhooks", "endpoint.created", From::Answer, From::None},
    {"PATCH", "/api/integrations/webhooks/:id", "endpoint.updated", From::Param, From::None},
    {"DELETE", "/api/integrations/webhooks/:id", "endpoint.deleted", From::Param, From::None},
    {"POST", "/api/integrations/webhooks/:id/rotate-secret", "endpoint.secret_rotated", From::Param, From::None},
    {"POST", "/api/integrations/webhooks/:id/deliveries/:delivery_id/retry", "delivery.retried", From::Param, From::Param},
    {"POST", "/api/integrations/webhooks/:id/test", "endpoint.test_sent", From::Param, From::Answer},
};

QString idFrom(From source, const QString &param, const QJsonObject &answer)
{
    switch (source) {
    case From::Param:
        return param;
    case From::Answer:
        return answer.value(QStringLiteral("id")).toString();
    case From::None:
        break;
    }
    return {};
}

} // namespace

void AuditTrail::record(const ApiRequest &request, const Router::Route &route, const ApiResponse &response) const
{
    if (response.status < 200 || response.status > 299)
        return;
    for (const AuditedRoute &audited : kAudited) {
        if (route.method != audited.method || route.pattern != QLatin1String(audited.pattern))
            continue;
        const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
        AuditEntry entry;
        entry.atMs = Rfc3339::nowMs();
        entry.action = QLatin1String(audited.action);
        entry.endpointId = idFrom(audited.endpoint, request.param(QStringLiteral("id")), answer);
        entry.deliveryId = idFrom(audited.delivery, request.param(QStringLiteral("delivery_id")), answer);
        entry.remoteAddress = request.remoteAddress.toString();
        try {
            m_store.record(entry);
        } catch (const StoreError &error) {
            // The change itself succeeded; failing the request now would invite a repeat.
            qCritical("could not write the audit log entry %s for %s: %s", audited.action,
                      qUtf8Printable(entry.endpointId), error.what());
        }
        return;
    }
}
