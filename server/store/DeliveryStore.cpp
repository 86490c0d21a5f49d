#include "DeliveryStore.h"

#include "Database.h"
#include "Ids.h"
#include "Rfc3339.h"
#include "SqlStatement.h"
#include "WriteTransaction.h"

#include <QHash>
#include <QJsonArray>
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

// The claim of due deliveries, in two forms. Skipping busy endpoints with "NOT IN" on the due
// index would walk every due row of the skipped endpoints before reaching another's: with one
// receiver and a 100,000-row backlog, a full scan per batch (the drain ran at ~35/s). So the
// skipping form visits only the other enabled endpoints, through the index that starts with
// endpoint_id; the endpoints to skip come as a JSON array, so both forms stay prepared.
constexpr char kDue[] =
    "SELECT d.seq, d.id, d.endpoint_id, p.url, p.secret, d.attempt_count, e.id, e.type, e.data, e.created_at, e.test "
    "FROM deliveries d JOIN endpoints p ON p.id = d.endpoint_id JOIN events e ON e.id = d.event_id "
    "WHERE d.status = 'pending' AND d.in_flight = 0 AND d.next_attempt_at <= ?1 AND p.enabled = 1 "
    "ORDER BY d.next_attempt_at LIMIT ?2";
constexpr char kDueSkipping[] =
    "SELECT d.seq, d.id, d.endpoint_id, p.url, p.secret, d.attempt_count, e.id, e.type, e.data, e.created_at, e.test "
    "FROM deliveries d INDEXED BY deliveries_by_endpoint_status "
    "JOIN endpoints p ON p.id = d.endpoint_id JOIN events e ON e.id = d.event_id "
    "WHERE d.status = 'pending' AND d.in_flight = 0 AND d.next_attempt_at <= ?1 AND p.enabled = 1 "
    "AND d.endpoint_id IN (SELECT id FROM endpoints WHERE enabled = 1 AND id NOT IN (SELECT value FROM json_each(?3))) "
    "ORDER BY d.next_attempt_at LIMIT ?2";
constexpr char kNextDue[] =
    "SELECT MIN(d.next_attempt_at) FROM deliveries d JOIN endpoints p ON p.id = d.endpoint_id "
    "WHERE d.status = 'pending' AND d.in_flight = 0 AND p.enabled = 1";
constexpr char kNextDueSkipping[] =
    "SELECT MIN(d.next_attempt_at) FROM deliveries d INDEXED BY deliveries_by_endpoint_status "
    "JOIN endpoints p ON p.id = d.endpoint_id "
    "WHERE d.status = 'pending' AND d.in_flight = 0 AND p.enabled = 1 "
    "AND d.endpoint_id IN (SELECT id FROM endpoints WHERE enabled = 1 AND id NOT IN (SELECT value FROM json_each(?1)))";
// One statement for the whole batch, the seqs as a JSON array: per row it costs the row and its
// due-index entry, without a statement's setup and teardown each.
constexpr char kMarkInFlight[] = "UPDATE deliveries SET in_flight = 1 WHERE seq IN (SELECT value FROM json_each(?1))";
constexpr char kInsertEvent[] = "INSERT INTO events (id, type, data, created_at, test) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kInsertDelivery[] =
    "INSERT INTO deliveries (id, endpoint_id, event_id, event_type, status, created_at, next_attempt_at, test, in_flight) "
    "VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?8)";
// By rowid and without RETURNING, which cost three times the update itself; the id check
// keeps an outcome off a row that took the seq of a deleted one.
constexpr char kRecordOutcome[] =
    "UPDATE deliveries SET status = ?1, http_status = ?2, attempt_count = ?3, delivered_at = ?4, "
    "next_attempt_at = ?5, last_error = ?6, in_flight = 0 WHERE seq = ?7 AND id = ?8";
constexpr char kFindRow[] = "SELECT seq, attempt_count FROM deliveries WHERE id = ?1";
constexpr char kInsertAttempt[] =
    "INSERT INTO attempts (delivery_seq, number, started_at, duration_ms, http_status, error, response_body) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

QByteArray jsonArray(const QSet<QString> &values)
{
    return QJsonDocument(QJsonArray::fromStringList(QStringList(values.cbegin(), values.cend()))).toJson(QJsonDocument::Compact);
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QLatin1Char(','));
}

} // namespace

QList<qint64> DeliveryStore::addEvent(const Event &event, const QList<Delivery> &deliveries,
                                      const QSet<QString> &claimedFor)
{
    QList<qint64> seqs;
    WriteTransaction transaction(m_db);
    m_db.prepared(kInsertEvent)
        .bind(1, event.id)
        .bind(2, event.type)
        .bind(3, event.data)
        .bind(4, event.createdAtMs)
        .bind(5, qint64(event.test))
        .run();
    for (const Delivery &delivery : deliveries) {
        m_db.prepared(kInsertDelivery)
            .bind(1, delivery.id)
            .bind(2, delivery.endpointId)
            .bind(3, event.id)
            .bind(4, event.type)
            .bind(5, delivery.createdAtMs)
            .bind(6, delivery.nextAttemptAtMs.value_or(delivery.createdAtMs))
            .bind(7, qint64(event.test))
            .bind(8, qint64(claimedFor.contains(delivery.endpointId)))
            .run();
        seqs.append(m_db.lastInsertRowId());
    }
    transaction.commit();
    return seqs;
}

void DeliveryStore::afterCommit(std::function<void()> action)
{
    m_db.afterCommit(std::move(action));
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

QList<DueDelivery> DeliveryStore::claim(qint64 nowMs, int limit, const QSet<QString> &skipEndpoints)
{
    WriteTransaction transaction(m_db);
    SqlStatement &rows = m_db.prepared(skipEndpoints.isEmpty() ? kDue : kDueSkipping);
    rows.bind(1, nowMs).bind(2, qint64(limit));
    if (!skipEndpoints.isEmpty())
        rows.bind(3, jsonArray(skipEndpoints));
    QList<DueDelivery> list;
    list.reserve(limit);
    QHash<QString, QString> secrets; // a batch is mostly a few endpoints: open each secret once
    QByteArray lastEndpoint;         // and mostly in runs of one endpoint: convert its columns once
    DueDelivery due;
    while (rows.next()) {
        due.seq = rows.int64(0);
        due.deliveryId = rows.text(1);
        if (rows.view(2) != lastEndpoint) {
            lastEndpoint = rows.bytes(2);
            due.endpointId = QString::fromUtf8(lastEndpoint);
            due.url = rows.text(3);
            auto secret = secrets.constFind(due.endpointId);
            if (secret == secrets.cend())
                secret = secrets.insert(due.endpointId, m_db.openSecret(due.endpointId, rows.text(4)));
            due.secret = *secret;
        }
        due.attemptCount = int(rows.int64(5));
        due.payload = Event::payloadOf(rows.view(6), rows.view(7), rows.int64(9), rows.view(8), rows.int64(10) != 0);
        list.append(due);
    }
    if (!list.isEmpty()) {
        QByteArray seqs = "[";
        for (const DueDelivery &claimed : std::as_const(list))
            seqs.append(QByteArray::number(claimed.seq)).append(',');
        seqs.back() = ']';
        m_db.prepared(kMarkInFlight).bind(1, seqs).run();
    }
    transaction.commit();
    return list;
}

std::optional<qint64> DeliveryStore::nextDueAtMs(const QSet<QString> &skipEndpoints)
{
    SqlStatement &row = m_db.prepared(skipEndpoints.isEmpty() ? kNextDue : kNextDueSkipping);
    if (!skipEndpoints.isEmpty())
        row.bind(1, jsonArray(skipEndpoints));
    std::optional<qint64> next;
    if (row.next() && !row.isNull(0))
        next = row.int64(0);
    row.reset();
    return next;
}

void DeliveryStore::releaseAllInFlight()
{
    m_db.exec(QStringLiteral("UPDATE deliveries SET in_flight = 0 WHERE in_flight = 1"));
}

void DeliveryStore::release(const QStringList &deliveryIds)
{
    if (deliveryIds.isEmpty())
        return;
    QVariantList values;
    for (const QString &id : deliveryIds)
        values.append(id);
    m_db.exec(QStringLiteral("UPDATE deliveries SET in_flight = 0 WHERE id IN (") + placeholders(deliveryIds.size())
                  + QLatin1Char(')'),
              values);
}

void DeliveryStore::record(const QList<AttemptOutcome> &outcomes)
{
    WriteTransaction transaction(m_db);
    for (const AttemptOutcome &outcome : outcomes) {
        qint64 seq = outcome.deliverySeq;
        qint64 number = outcome.attempt.number;
        if (seq == 0) {
            SqlStatement &row = m_db.prepared(kFindRow);
            if (!row.bind(1, outcome.deliveryId).next())
                continue; // deleted meanwhile (its endpoint was removed)
            seq = row.int64(0);
            number = row.int64(1) + 1;
            row.reset();
        }
        const Attempt &attempt = outcome.attempt;
        const bool delivered = outcome.status == DeliveryStatus::Delivered;
        const std::optional<qint64> httpStatus = attempt.httpStatus ? std::optional<qint64>(*attempt.httpStatus) : std::nullopt;
        const int changed = m_db.prepared(kRecordOutcome)
                                .bind(1, toUtf8(outcome.status))
                                .bind(2, httpStatus)
                                .bind(3, number)
                                .bind(4, delivered ? std::optional<qint64>(attempt.startedAtMs + attempt.durationMs) : std::nullopt)
                                .bind(5, outcome.nextAttemptAtMs)
                                .bindTextOrNull(6, attempt.error)
                                .bind(7, seq)
                                .bind(8, outcome.deliveryId)
                                .run();
        if (changed == 0)
            continue;
        m_db.prepared(kInsertAttempt)
            .bind(1, seq)
            .bind(2, number)
            .bind(3, attempt.startedAtMs)
            .bind(4, attempt.durationMs)
            .bind(5, httpStatus)
            .bindTextOrNull(6, attempt.error)
            .bindBlob(7, attempt.responseBody)
            .run();
    }
    transaction.commit();
}

int DeliveryStore::prune(qint64 beforeMs)
{
    WriteTransaction transaction(m_db);
    QStringList endpoints;
    for (QSqlQuery rows = m_db.exec(QStringLiteral("SELECT id FROM endpoints")); rows.next();)
        endpoints.append(rows.value(0).toString());
    int deliveries = 0;
    for (const QString &endpointId : std::as_const(endpoints)) {
        deliveries += m_db.exec(QStringLiteral("DELETE FROM deliveries WHERE endpoint_id = ? AND created_at < ? "
                                               "AND status != 'pending'"),
                                {endpointId, beforeMs})
                          .numRowsAffected();
    }
    // Through the key: ids begin with their creation time, so old events lie below the id of one
    // made at beforeMs. Ids from 0.1.0 are random throughout; all but the few that happen to fall
    // between the cut and a year from now are in one of the two ranges, and created_at has the
    // last word for every row.
    constexpr qint64 kYearMs = 365LL * 24 * 60 * 60 * 1000;
    m_db.exec(QStringLiteral("DELETE FROM events WHERE (id < ? OR id >= ?) AND created_at < ? AND NOT EXISTS "
                             "(SELECT 1 FROM deliveries d WHERE d.event_id = events.id)"),
              {Ids::eventIdFloor(beforeMs), Ids::eventIdFloor(Rfc3339::nowMs() + kYearMs), beforeMs});
    transaction.commit();
    return deliveries;
}

qint64 DeliveryStore::pendingCount()
{
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE status = 'pending'"));
    return row.next() ? row.value(0).toLongLong() : 0;
}
