#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>
#include <memory>

class Database;
class DeferredAnswer;
class EventPublisher;
class IdempotencyStore;

// Takes published events in and commits them in batches: everything submitted while the event
// loop is busy is written in one transaction at its next turn (or once a batch is full), and
// only then does each request get its 202. One commit per batch instead of one per event,
// which was most of the cost of POST /api/events; nothing is answered before it is durable.
// A batch smaller than the one before waits up to a millisecond for the rest of its clients,
// who were answered a moment ago and are sending again (see flushIfComplete).
class EventIntake : public QObject
{
    Q_OBJECT
public:
    EventIntake(Database &db, EventPublisher &publisher, IdempotencyStore &keys, QObject *parent = nullptr);

    // The answer completes after the commit: 202 {"id","deliveries"}, or 500 if the batch could
    // not be stored (then none of it was).
    // dataJson: the JSON text of the event's data, stored and sent as it is.
    std::shared_ptr<DeferredAnswer> submit(const QString &type, const QByteArray &dataJson, const QString &idempotencyKey,
                                           qint64 nowMs);
    // The answer of an event waiting in the batch with this key, or null.
    std::shared_ptr<DeferredAnswer> queuedWith(const QString &idempotencyKey) const;
    // Commits and answers what is waiting, now.
    void flush();

private:
    void flushIfComplete();

    struct Queued
    {
        QString type;
        QByteArray dataJson;
        QString idempotencyKey;
        qint64 atMs = 0;
        std::shared_ptr<DeferredAnswer> answer;
    };

    Database &m_db;
    EventPublisher &m_publisher;
    IdempotencyStore &m_keys;
    QList<Queued> m_queue;
    QHash<QString, std::shared_ptr<DeferredAnswer>> m_byKey;
    QTimer m_flushTimer; // at the next turn of the event loop
    QTimer m_holdTimer;  // the longest a short batch waits for more
    qsizetype m_lastBatch = 0;
};
