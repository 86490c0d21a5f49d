#include "HistorySeeder.h"

#include "DeliveryStore.h"
#include "Ids.h"

#include <QDir>

HistorySeeder::HistorySeeder(const QString &dataDir)
{
    if (auto error = m_db.open(QDir(dataDir).filePath(QStringLiteral("webhooks.sqlite"))))
        qFatal("cannot open test database: %s", qUtf8Printable(*error));
}

QString HistorySeeder::addDelivery(const QString &endpointId, qint64 createdAtMs, DeliveryStatus status, int attempts,
                                   int httpStatus)
{
    DeliveryStore store(m_db);
    const Event event{Ids::eventIdAt(createdAtMs), QStringLiteral("survey.response.created"),
                      QByteArrayLiteral(R"({"n":1})"), createdAtMs, false};
    Delivery delivery;
    delivery.id = Ids::deliveryId();
    delivery.endpointId = endpointId;
    delivery.createdAtMs = createdAtMs;
    store.addEvent(event, {delivery});
    for (int i = 1; i <= attempts; ++i) {
        AttemptOutcome outcome;
        outcome.deliveryId = delivery.id;
        outcome.attempt.startedAtMs = createdAtMs + i * 1000;
        outcome.attempt.durationMs = 12;
        outcome.attempt.httpStatus = httpStatus;
        outcome.attempt.responseBody = "ok";
        outcome.status = i == attempts ? status : DeliveryStatus::Pending;
        if (outcome.status == DeliveryStatus::Pending)
            outcome.nextAttemptAtMs = createdAtMs + 365LL * 24 * 3600 * 1000; // far away: not retried during the test
        store.record({outcome});
    }
    return delivery.id;
}

qint64 HistorySeeder::countDeliveries(const QString &endpointId)
{
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE endpoint_id = ?"), {endpointId});
    return row.next() ? row.value(0).toLongLong() : -1;
}

void HistorySeeder::addLoneEvent(const QString &eventId, qint64 createdAtMs)
{
    DeliveryStore(m_db).addEvent({eventId, QStringLiteral("survey.response.created"), QByteArrayLiteral("{}"), createdAtMs, false}, {});
}

QString HistorySeeder::eventOf(const QString &deliveryId)
{
    QSqlQuery row = m_db.exec(QStringLiteral("SELECT event_id FROM deliveries WHERE id = ?"), {deliveryId});
    return row.next() ? row.value(0).toString() : QString();
}

QStringList HistorySeeder::eventIds()
{
    QStringList ids;
    for (QSqlQuery rows = m_db.exec(QStringLiteral("SELECT id FROM events ORDER BY id")); rows.next();)
        ids.append(rows.value(0).toString());
    return ids;
}
