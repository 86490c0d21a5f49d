#include "EndpointStore.h"

#include "Database.h"
#include "SecretCipher.h"
#include "StoreError.h"
#include "WriteTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

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

// Reads endpoints without their secrets: no API answer shows a stored secret, and the
// dispatcher opens secrets itself (DeliveryStore::due), so nothing here pays for decryption.
QList<Endpoint> EndpointStore::select(const QString &where, const QVariantList &values)
{
    QSqlQuery query = m_db.exec(
        QStringLiteral("SELECT id, url, events, enabled, created_at FROM endpoints ") + where
            + QStringLiteral(" ORDER BY created_at, id"),
        values);
    QList<Endpoint> endpoints;
    while (query.next()) {
        Endpoint endpoint;
        endpoint.id = query.value(0).toString();
        endpoint.url = query.value(1).toString();
        endpoint.events = eventsFromText(query.value(2).toString());
        endpoint.enabled = query.value(3).toBool();
        endpoint.createdAtMs = query.value(4).toLongLong();
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
    // Asked for every published event; endpoints change rarely and only through this store.
    if (!m_enabled)
        m_enabled = select(QStringLiteral("WHERE enabled = 1"), {});
    QList<Endpoint> result;
    for (const Endpoint &endpoint : std::as_const(*m_enabled)) {
        if (endpoint.subscribesTo(eventType))
            result.append(endpoint);
    }
    return result;
}

void EndpointStore::insert(const Endpoint &endpoint)
{
    m_enabled.reset();
    m_db.exec(QStringLiteral("INSERT INTO endpoints (id, url, events, enabled, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
              {endpoint.id, endpoint.url, eventsToText(endpoint.events), endpoint.enabled,
               m_db.sealSecret(endpoint.id, endpoint.secret), endpoint.createdAtMs});
}

void EndpointStore::update(const Endpoint &endpoint)
{
    m_enabled.reset();
    m_db.exec(QStringLiteral("UPDATE endpoints SET url = ?, events = ?, enabled = ? WHERE id = ?"),
              {endpoint.url, eventsToText(endpoint.events), endpoint.enabled, endpoint.id});
}

void EndpointStore::updateSecret(const QString &id, const QString &secret)
{
    m_db.exec(QStringLiteral("UPDATE endpoints SET secret = ? WHERE id = ?"), {m_db.sealSecret(id, secret), id});
}

bool EndpointStore::remove(const QString &id)
{
    m_enabled.reset();
    return m_db.exec(QStringLiteral("DELETE FROM endpoints WHERE id = ?"), {id}).numRowsAffected() > 0;
}

std::optional<QString> EndpointStore::sealStoredSecrets()
{
    QList<QPair<QString, QString>> plaintext;
    QSqlQuery rows = m_db.exec(QStringLiteral("SELECT id, secret FROM endpoints"));
    while (rows.next()) {
        const QString id = rows.value(0).toString();
        const QString stored = rows.value(1).toString();
        if (!SecretCipher::isSealed(stored))
            plaintext.append({id, stored});
        else if (!m_db.opensSecret(id, stored))
            // The hint belongs to this failure only: for a damaged file it would send the
            // admin hunting for another key.
            return QStringLiteral("the secret of endpoint %1 cannot be decrypted: it was sealed with another master key "
                                  "(start with the master key the database was written with, see --master-key-file)")
                .arg(id);
    }
    if (rows.lastError().isValid())
        throw StoreError(QStringLiteral("reading the endpoints failed: %1").arg(rows.lastError().text()).toStdString());
    if (!plaintext.isEmpty())
        sealPlaintext(plaintext);
    return std::nullopt;
}

bool EndpointStore::hasSealedSecrets()
{
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT 1 FROM endpoints WHERE secret LIKE 'enc1:%' LIMIT 1"));
    return row.next();
}

void EndpointStore::sealPlaintext(const QList<QPair<QString, QString>> &rows)
{
    // secure_delete zeroes the freed plaintext inside pages; the checkpoint then writes those
    // pages into the main file and empties the WAL, so no copy of a clear secret stays on disk.
    // Put back as it was afterwards: Debian's SQLite is built with it on, others with it off.
    QSqlQuery before = m_db.exec(QStringLiteral("PRAGMA secure_delete"));
    const int setting = before.next() ? before.value(0).toInt() : 0;
    before.finish();
    const QString secureDelete = setting == 2 ? QStringLiteral("FAST") : setting == 1 ? QStringLiteral("ON") : QStringLiteral("OFF");
    m_db.exec(QStringLiteral("PRAGMA secure_delete = ON"));
    {
        WriteTransaction transaction(m_db);
        for (const auto &[id, secret] : rows)
            updateSecret(id, secret);
        transaction.commit();
    }
    m_db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    m_db.exec(QStringLiteral("PRAGMA secure_delete = %1").arg(secureDelete));
    qInfo("sealed %lld endpoint secrets stored in clear by an earlier version", static_cast<long long>(rows.size()));
}
