#include "ApiAnswer.h"

#include "ServerText.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <climits>

namespace {
constexpr int kIdDigits = 22; // base62 after the prefix (server/model/Ids.h)
constexpr int kEventNameMax = 200;

bool isId(const QString &id, QLatin1String prefix)
{
    if (id.size() != prefix.size() + kIdDigits || !id.startsWith(prefix))
        return false;
    return std::all_of(id.cbegin() + prefix.size(), id.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z');
    });
}

bool isText(const QJsonValue &value, int maxChars)
{
    return value.isString() && value.toString().size() <= maxChars;
}

bool isOptionalText(const QJsonValue &value, int maxChars)
{
    return value.isUndefined() || value.isNull() || isText(value, maxChars);
}

bool isTime(const QJsonValue &value)
{
    return value.isString() && QDateTime::fromString(value.toString(), Qt::ISODate).isValid();
}

bool isOptionalTime(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull() || isTime(value);
}

// Integral numbers only; the parser keeps integers up to 2^63 exact.
bool isCount(const QJsonValue &value, qint64 minimum)
{
    return value.isDouble() && value.toInteger(minimum - 1) >= minimum
        && double(value.toInteger()) == value.toDouble();
}

bool isEventList(const QJsonValue &value)
{
    const QJsonArray events = value.toArray();
    return value.isArray() && !events.isEmpty()
        && std::all_of(events.cbegin(), events.cend(), [](const QJsonValue &e) { return isText(e, kEventNameMax); });
}
} // namespace

bool ApiAnswer::isEndpointId(const QString &id)
{
    return isId(id, QLatin1String("whe_"));
}

bool ApiAnswer::isDeliveryId(const QString &id)
{
    return isId(id, QLatin1String("del_"));
}

QString ApiAnswer::version(const QJsonDocument &json, QString &out)
{
    const QJsonValue version = json.object().value(QStringLiteral("version"));
    if (!json.isObject() || !isText(version, ServerText::kShortMax))
        return tr("no version");
    out = version.toString();
    return {};
}

QString ApiAnswer::dataArray(const QJsonDocument &json, QJsonArray &out)
{
    const QJsonValue data = json.object().value(QStringLiteral("data"));
    if (!json.isObject() || !data.isArray())
        return tr("no \"data\" list");
    out = data.toArray();
    return {};
}

QString ApiAnswer::eventTypes(const QJsonDocument &json, QList<EventTypeInfo> &out)
{
    QJsonArray data;
    if (QString problem = dataArray(json, data); !problem.isEmpty())
        return problem;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QJsonObject type = data.at(i).toObject();
        if (!isText(type.value(QStringLiteral("name")), kEventNameMax)
            || !isOptionalText(type.value(QStringLiteral("description")), 100'000))
            return tr("event type %1 is malformed").arg(i + 1);
        out.append(EventTypeInfo::fromJson(type));
    }
    return {};
}

QString ApiAnswer::endpoint(const QJsonValue &json, EndpointInfo &out)
{
    const QJsonObject e = json.toObject();
    if (!isEndpointId(e.value(QStringLiteral("id")).toString()))
        return tr("an endpoint has an invalid id");
    const QJsonValue url = e.value(QStringLiteral("url"));
    if (!isText(url, ServerText::kUrlMax) || url.toString().isEmpty())
        return tr("endpoint %1 has no URL of at most %2 characters").arg(e.value(QStringLiteral("id")).toString()).arg(ServerText::kUrlMax);
    if (!isEventList(e.value(QStringLiteral("events"))) || !e.value(QStringLiteral("enabled")).isBool()
        || !isTime(e.value(QStringLiteral("created_at"))) || !isOptionalText(e.value(QStringLiteral("warning")), 100'000))
        return tr("endpoint %1 is malformed").arg(e.value(QStringLiteral("id")).toString());
    out = EndpointInfo::fromJson(e);
    return {};
}

QString ApiAnswer::endpoints(const QJsonDocument &json, QList<EndpointInfo> &out)
{
    QJsonArray data;
    if (QString problem = dataArray(json, data); !problem.isEmpty())
        return problem;
    QSet<QString> seen;
    for (const QJsonValue &value : data) {
        EndpointInfo endpoint;
        if (QString problem = ApiAnswer::endpoint(value, endpoint); !problem.isEmpty())
            return problem;
        if (seen.contains(endpoint.id))
            return tr("two endpoints have the id %1").arg(endpoint.id);
        seen.insert(endpoint.id);
        out.append(endpoint);
    }
    return {};
}

QString ApiAnswer::endpointWithSecret(const QJsonDocument &json, EndpointInfo &out, QString &secret)
{
    if (QString problem = endpoint(json.object(), out); !problem.isEmpty())
        return problem;
    const QJsonValue value = json.object().value(QStringLiteral("secret"));
    if (!isText(value, 200) || !value.toString().startsWith(QLatin1String("whs_")))
        return tr("no signing secret");
    secret = value.toString();
    return {};
}

QString ApiAnswer::meta(const QJsonDocument &json, qint64 &page, qint64 &perPage, qint64 &total)
{
    const QJsonObject meta = json.object().value(QStringLiteral("meta")).toObject();
    const QJsonValue p = meta.value(QStringLiteral("page"));
    const QJsonValue pp = meta.value(QStringLiteral("per_page"));
    const QJsonValue t = meta.value(QStringLiteral("total"));
    if (!isCount(p, 1) || !isCount(pp, 1) || pp.toInteger() > 1000 || !isCount(t, 0))
        return tr("no page, per_page and total counts");
    page = p.toInteger();
    perPage = pp.toInteger();
    total = t.toInteger();
    return {};
}

QString ApiAnswer::delivery(const QJsonValue &json, DeliveryInfo &out)
{
    const QJsonObject d = json.toObject();
    const QString id = d.value(QStringLiteral("id")).toString();
    if (!isDeliveryId(id))
        return tr("a delivery has an invalid id");
    const QJsonValue httpStatus = d.value(QStringLiteral("http_status"));
    const bool statusOk = httpStatus.isNull() || httpStatus.isUndefined()
        || (isCount(httpStatus, 0) && httpStatus.toInteger() < 1000);
    if (!DeliveryInfo::statusFromString(d.value(QStringLiteral("status")).toString()) || !statusOk
        || !isText(d.value(QStringLiteral("event")), kEventNameMax) || !isCount(d.value(QStringLiteral("attempt_count")), 0)
        || !isTime(d.value(QStringLiteral("created_at"))) || !isOptionalTime(d.value(QStringLiteral("delivered_at")))
        || !isOptionalTime(d.value(QStringLiteral("next_attempt_at")))
        || !isOptionalText(d.value(QStringLiteral("last_error")), 100'000))
        return tr("delivery %1 is malformed").arg(id);
    out = DeliveryInfo::fromJson(d);
    return {};
}

QString ApiAnswer::deliveryPage(const QJsonDocument &json, DeliveryListPage &out)
{
    QJsonArray data;
    if (QString problem = dataArray(json, data); !problem.isEmpty())
        return problem;
    qint64 perPage = 0;
    if (QString problem = meta(json, out.page, perPage, out.total); !problem.isEmpty())
        return problem;
    out.perPage = int(perPage); // at most 1000, checked by meta()
    QSet<QString> seen;
    for (const QJsonValue &value : data) {
        DeliveryInfo delivery;
        if (QString problem = ApiAnswer::delivery(value, delivery); !problem.isEmpty())
            return problem;
        if (seen.contains(delivery.id))
            return tr("two deliveries have the id %1").arg(delivery.id);
        seen.insert(delivery.id);
        out.deliveries.append(delivery);
    }
    return {};
}

QString ApiAnswer::auditPage(const QJsonDocument &json, AuditLogPage &out)
{
    QJsonArray data;
    if (QString problem = dataArray(json, data); !problem.isEmpty())
        return problem;
    qint64 page = 0, perPage = 0, total = 0;
    if (QString problem = meta(json, page, perPage, total); !problem.isEmpty())
        return problem;
    if (page > INT_MAX || total > INT_MAX)
        return tr("counts beyond what the console can page through");
    out.page = int(page);
    out.perPage = int(perPage);
    out.total = int(total);
    for (const QJsonValue &value : data) {
        if (!value.isObject() || !isTime(value.toObject().value(QStringLiteral("at"))))
            return tr("an audit log entry is malformed");
        out.entries.append(AuditLogEntry::fromJson(value.toObject()));
    }
    return {};
}
