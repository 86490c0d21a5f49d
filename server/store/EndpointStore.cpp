#include "EndpointStore.h"

#include "Database.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
QString eventsToText(const QStringList &events)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(events)).toJson(QJsonDocument::Compact));
}

QStringList eventsFromText(const QString &text)
{
    QStringList events;
    for (const QJsonValue &value : QJsonDocument::fromJson(text.toUtf8()).array())
        events.append(value.toString());
    return events;
}
} // namespace

QList<Endpoint> EndpointStore::select(const QString &where, const QVariantList &values)
{
    QSqlQuery query = m_db.exec(
        QStringLiteral("SELECT id, url, events, enabled, secret, created_at FROM endpoints ") + where
            + QStringLiteral(" ORDER BY created_at, id"),
        values);
    QList<Endpoint> endpoints;
    while (query.next()) {
        Endpoint endpoint;
        endpoint.id = query.value(0).toString();
        endpoint.url = query.value(1).toString();
        endpoint.events = eventsFromText(query.value(2).toString());
        endpoint.enabled = query.value(3).toBool();
        endpoint.secret = query.value(4).toString();
        endpoint.createdAtMs = query.value(5).toLongLong();
        endpoints.append(endpoint);
    }
    return endpoints;
}

QList<Endpoint> EndpointStore::list()
{
    return select({}, {});
}

std::optional<Endpoint> EndpointStore::find(const QString &id)
{
    const QList<Endpoint> found = select(QStringLiteral("WHERE id = ?"), {id});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<Endpoint> EndpointStore::subscribers(const QString &eventType)
{
    QList<Endpoint> result;
    for (const Endpoint &endpoint : select(QStringLiteral("WHERE enabled = 1"), {})) {
        if (endpoint.subscribesTo(eventType))
            result.append(endpoint);
    }
    return result;
}

void EndpointStore::insert(const Endpoint &endpoint)
{
    m_db.exec(QStringLiteral("INSERT INTO endpoints (id, url, events, enabled, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
              {endpoint.id, endpoint.url, eventsToText(endpoint.events), endpoint.enabled, endpoint.secret,
               endpoint.createdAtMs});
}

void EndpointStore::update(const Endpoint &endpoint)
{
    m_db.exec(QStringLiteral("UPDATE endpoints SET url = ?, events = ?, enabled = ? WHERE id = ?"),
              {endpoint.url, eventsToText(endpoint.events), endpoint.enabled, endpoint.id});
}

void EndpointStore::updateSecret(const QString &id, const QString &secret)
{
    m_db.exec(QStringLiteral("UPDATE endpoints SET secret = ? WHERE id = ?"), {secret, id});
}

bool EndpointStore::remove(const QString &id)
{
    return m_db.exec(QStringLiteral("DELETE FROM endpoints WHERE id = ?"), {id}).numRowsAffected() > 0;
}
