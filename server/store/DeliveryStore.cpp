#include "DeliveryStore.h"

#include "Database.h"
#include "WriteTransaction.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlRecord>

namespace {

const QString kDeliveryColumns = QStringLiteral(
    "id, endpoint_id, event_id, event_type, status, http_status, attempt_count, created_at, "
    "delivered_at, next_attempt_at, last_error, test");

std::optional<qint64> optionalLong(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QVariant nullable(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant nullable(std::optional<int> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Int));
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

Delivery deliveryFromRow(const QSqlQuery &query)
{
    Delivery delivery;
    delivery.id = query.value(0).toString();
    delivery.endpointId = query.value(1).toString();
    delivery.eventId = query.value(2).toString();
    delivery.event = query.value(3).toString();
    delivery.status = deliveryStatusFromString(query.value(4).toString()).value_or(DeliveryStatus::Pending);
    if (!query.value(5).isNull())
        delivery.httpStatus = query.value(5).toInt();
    delivery.attemptCount = query.value(6).toInt();
    delivery.createdAtMs = query.value(7).toLongLong();
    delivery.deliveredAtMs = optionalLong(query.value(8));
    delivery.nextAttemptAtMs = optionalLong(query.value(9));
    delivery.lastError = query.value(10).toString();
    delivery.test = query.value(11).toBool();
    return delivery;
}

// Where due deliveries are looked for. Skipping busy endpoints with "NOT IN" on the due index
// would walk every due row of the skipped endpoints before reaching another's: with one
// receiver and a 100,000-row backlog, a full scan per batch (the drain ran at ~35/s). So the
// other enabled endpoints are visited through the index that starts with endpoint_id instead.
QString dueSource(const QSet<QString> &skipEndpoints)
{
    return skipEndpoints.isEmpty() ? QStringLiteral(" FROM deliveries d ")
                                   : QStringLiteral(" FROM deliveries d INDEXED BY deliveries_by_endpoint_status ");
}

// The condition that leaves out skipEndpoints, with its values, or nothing.
QString skipClause(const QSet<QString> &skipEndpoints, QVariantList &values)
{
    if (skipEndpoints.isEmpty())
        return {};
    QStringList marks;
    for (const QString &id : skipEndpoints) {
        marks.append(QStringLiteral("?"));
        values.append(id);
    }
    return QStringLiteral(" AND d.endpoint_id IN (SELECT id FROM endpoints WHERE enabled = 1 AND id NOT IN (")
           + marks.join(QLatin1Char(',')) + QStringLiteral("))");
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QLatin1Char(','));
}

} // namespace

void DeliveryStore::addEvent(const Event &event, const QList<Delivery> &deliveries)
{
    WriteTransaction transaction(m_db);
    m_db.exec(QStringLiteral("INSERT INTO events (id, type, data, created_at, test) VALUES (?, ?, ?, ?, ?)"),
              {event.id, event.type, QString::fromUtf8(QJsonDocument(event.data).toJson(QJsonDocument::Compact)),
               event.createdAtMs, event.test});
    for (const Delivery &delivery : deliveries) {
        m_db.exec(QStringLiteral("INSERT INTO deliveries (id, endpoint_id, event_id, event_type, status, created_at, "
                                 "next_attempt_at, test) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)"),
                  {delivery.id, delivery.endpointId, event.id, event.type, delivery.createdAtMs,
                   delivery.nextAttemptAtMs.value_or(delivery.createdAtMs), event.test});
    }
    transaction.commit();
}

DeliveryPage DeliveryStore::list(const DeliveryQuery &query)
{
    QString where = QStringLiteral("endpoint_id = ?");
    QVariantList values{query.endpointId};
    if (query.status) {
        where += QStringLiteral(" AND status = ?");
        values.append(toString(*query.status));
    }
    if (query.fromMs) {
        where += QStringLiteral(" AND created_at >= ?");
        values.append(*query.fromMs);
    }
    if (query.toMs) {
        where += QStringLiteral(" AND created_at <= ?");
        values.append(*query.toMs);
    }
    DeliveryPage page;
    QSqlQuery count = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE ") + where, values);
    page.total = count.next() ? count.value(0).toLongLong() : 0;

    // The inner query walks only the index (filter + order), so skipping deep pages stays cheap;
    // full rows are read for the one page that is returned.
    const QString order = QStringLiteral(" ORDER BY created_at DESC, seq DESC");
    QVariantList pageValues = values;
    pageValues << query.perPage << qint64(query.page - 1) * query.perPage;
    QSqlQuery rows = m_db.exec(QStringLiteral("SELECT ") + kDeliveryColumns
                                   + QStringLiteral(" FROM deliveries WHERE seq IN (SELECT seq FROM deliveries WHERE ")
                                   + where + order + QStringLiteral(" LIMIT ? OFFSET ?)") + order,
                               pageValues);
    while (rows.next())
        page.items.append(deliveryFromRow(rows));
    return page;
}

std::optional<Delivery> DeliveryStore::find(const QString &endpointId, const QString &deliveryId)
{
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT ") + kDeliveryColumns
                                  + QStringLiteral(" FROM deliveries WHERE id = ? AND endpoint_id = ?"),
                              {deliveryId, endpointId});
    if (!row.next())
        return std::nullopt;
    Delivery delivery = deliveryFromRow(row);
    delivery.attempts = attemptsOf(deliveryId);
    return delivery;
}

QList<Attempt> DeliveryStore::attemptsOf(const QString &deliveryId)
{
    QSqlQuery rows = m_db.exec(
        QStringLiteral("SELECT a.number, a.started_at, a.duration_ms, a.http_status, a.error, a.response_body "
                       "FROM attempts a JOIN deliveries d ON d.seq = a.delivery_seq WHERE d.id = ? ORDER BY a.number"),
        {deliveryId});
    QList<Attempt> attempts;
    while (rows.next()) {
        Attempt attempt;
        attempt.number = rows.value(0).toInt();
        attempt.startedAtMs = rows.value(1).toLongLong();
        attempt.durationMs = rows.value(2).toLongLong();
        if (!rows.value(3).isNull())
            attempt.httpStatus = rows.value(3).toInt();
        attempt.error = rows.value(4).toString();
        attempt.responseBody = rows.value(5).toByteArray();
        attempts.append(attempt);
    }
    return attempts;
}

bool DeliveryStore::requeue(const QString &deliveryId, qint64 nowMs)
{
    return m_db.exec(QStringLiteral("UPDATE deliveries SET status = 'pending', next_attempt_at = ? "
                                    "WHERE id = ? AND status != 'delivered'"),
                     {nowMs, deliveryId})
               .numRowsAffected() > 0;
}

QList<DueDelivery> DeliveryStore::due(qint64 nowMs, int limit, const QSet<QString> &skipEndpoints)
{
    QVariantList values{nowMs};
    const QString skip = skipClause(skipEndpoints, values);
    values.append(limit);
    QSqlQuery rows = m_db.exec(
        QStringLiteral("SELECT d.id, d.endpoint_id, p.url, p.secret, d.attempt_count, e.id, e.type, e.data, "
                       "e.created_at, e.test")
            + dueSource(skipEndpoints)
            + QStringLiteral("JOIN endpoints p ON p.id = d.endpoint_id JOIN events e ON e.id = d.event_id "
                       "WHERE d.status = 'pending' AND d.in_flight = 0 AND d.next_attempt_at <= ? AND p.enabled = 1")
            + skip + QStringLiteral(" ORDER BY d.next_attempt_at LIMIT ?"),
        values);
    QList<DueDelivery> list;
    QHash<QString, QString> secrets; // a batch is mostly a few endpoints: open each secret once
    while (rows.next()) {
        DueDelivery due;
        due.deliveryId = rows.value(0).toString();
        due.endpointId = rows.value(1).toString();
        due.url = rows.value(2).toString();
        auto secret = secrets.constFind(due.endpointId);
        if (secret == secrets.cend())
            secret = secrets.insert(due.endpointId, m_db.openSecret(due.endpointId, rows.value(3).toString()));
        due.secret = *secret;
        due.attemptCount = rows.value(4).toInt();
        due.event.id = rows.value(5).toString();
        due.event.type = rows.value(6).toString();
        due.event.data = QJsonDocument::fromJson(rows.value(7).toByteArray()).object();
        due.event.createdAtMs = rows.value(8).toLongLong();
        due.event.test = rows.value(9).toBool();
        list.append(due);
    }
    return list;
}

std::optional<qint64> DeliveryStore::nextDueAtMs(const QSet<QString> &skipEndpoints)
{
    QVariantList values;
    const QString skip = skipClause(skipEndpoints, values);
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT MIN(d.next_attempt_at)") + dueSource(skipEndpoints)
                                  + QStringLiteral("JOIN endpoints p ON p.id = d.endpoint_id "
                                             "WHERE d.status = 'pending' AND d.in_flight = 0 AND p.enabled = 1")
                                  + skip,
                              values);
    if (!row.next() || row.value(0).isNull())
        return std::nullopt;
    return row.value(0).toLongLong();
}

void DeliveryStore::setInFlight(const QStringList &deliveryIds, bool inFlight)
{
    if (deliveryIds.isEmpty())
        return;
    QVariantList values{inFlight ? 1 : 0};
    for (const QString &id : deliveryIds)
        values.append(id);
    m_db.exec(QStringLiteral("UPDATE deliveries SET in_flight = ? WHERE id IN (") + placeholders(deliveryIds.size())
                  + QLatin1Char(')'),
              values);
}

void DeliveryStore::markInFlight(const QStringList &deliveryIds)
{
    setInFlight(deliveryIds, true);
}

void DeliveryStore::releaseAllInFlight()
{
    m_db.exec(QStringLiteral("UPDATE deliveries SET in_flight = 0 WHERE in_flight = 1"));
}

void DeliveryStore::release(const QStringList &deliveryIds)
{
    setInFlight(deliveryIds, false);
}

void DeliveryStore::record(const QList<AttemptOutcome> &outcomes)
{
    WriteTransaction transaction(m_db);
    for (const AttemptOutcome &outcome : outcomes) {
        const Attempt &attempt = outcome.attempt;
        m_db.exec(QStringLiteral("INSERT INTO attempts (delivery_seq, number, started_at, duration_ms, http_status, "
                                 "error, response_body) SELECT seq, attempt_count + 1, ?, ?, ?, ?, ? FROM deliveries "
                                 "WHERE id = ?"),
                  {attempt.startedAtMs, attempt.durationMs, nullable(attempt.httpStatus), nullableText(attempt.error),
                   attempt.responseBody, outcome.deliveryId});
        const bool delivered = outcome.status == DeliveryStatus::Delivered;
        m_db.exec(QStringLiteral("UPDATE deliveries SET status = ?, http_status = ?, attempt_count = attempt_count + 1, "
                                 "delivered_at = ?, next_attempt_at = ?, last_error = ?, in_flight = 0 WHERE id = ?"),
                  {toString(outcome.status), nullable(attempt.httpStatus),
                   delivered ? QVariant(attempt.startedAtMs + attempt.durationMs) : QVariant(QMetaType(QMetaType::LongLong)),
                   nullable(outcome.nextAttemptAtMs), nullableText(attempt.error), outcome.deliveryId});
    }
    transaction.commit();
}

int DeliveryStore::prune(qint64 beforeMs)
{
    WriteTransaction transaction(m_db);
    const int deliveries = m_db.exec(QStringLiteral("DELETE FROM deliveries WHERE created_at < ? AND status != 'pending'"),
                                     {beforeMs})
                               .numRowsAffected();
    m_db.exec(QStringLiteral("DELETE FROM events WHERE created_at < ? AND NOT EXISTS "
                             "(SELECT 1 FROM deliveries d WHERE d.event_id = events.id)"),
              {beforeMs});
    transaction.commit();
    return deliveries;
}

qint64 DeliveryStore::pendingCount()
{
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE status = 'pending'"));
    return row.next() ? row.value(0).toLongLong() : 0;
}
