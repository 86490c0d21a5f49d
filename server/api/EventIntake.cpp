#include "EventIntake.h"

#include "ApiError.h"
#include "DeferredAnswer.h"
#include "EventPublisher.h"
#include "IdempotencyStore.h"
#include "StoreError.h"
#include "WriteTransaction.h"


namespace {
// Bounds the memory and the wait of one batch; 16 clients publishing at once fill a few percent.
constexpr qsizetype kMaxBatch = 512;
constexpr int kMaxHoldMs = 1;

// {"id":"evt_...","deliveries":N}; ids are base62, so no escaping is needed.
QByteArray answerBody(const QString &eventId, qsizetype deliveries)
{
    QByteArray body = QByteArrayLiteral("{\"id\":\"");
    body += eventId.toLatin1();
    body += "\",\"deliveries\":";
    body += QByteArray::number(deliveries);
    body += '}';
    return body;
}
} // namespace

EventIntake::EventIntake(Database &db, EventPublisher &publisher, IdempotencyStore &keys, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_publisher(publisher)
    , m_keys(keys)
{
    m_flushTimer.setSingleShot(true);
    m_holdTimer.setSingleShot(true);
    m_holdTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventIntake::flushIfComplete);
    connect(&m_holdTimer, &QTimer::timeout, this, &EventIntake::flush);
}

std::shared_ptr<DeferredAnswer> EventIntake::submit(const QString &type, const QByteArray &dataJson,
                                                    const QString &idempotencyKey, qint64 nowMs)
{
    auto answer = std::make_shared<DeferredAnswer>();
    m_queue.append({type, dataJson, idempotencyKey, nowMs, answer});
    if (!idempotencyKey.isEmpty())
        m_byKey.insert(idempotencyKey, answer);
    if (m_queue.size() >= kMaxBatch)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(0); // after the requests that are already waiting to be read
    return answer;
}

// Clients that publish in a loop come back right after their answer, so a batch alternates with
// the one being committed and each holds about half of them, at the cost of a commit each (the
// commit writes the same few pages whatever the batch size). Waiting briefly while a batch is
// smaller than the last one lets them meet in one batch. One client publishing alone never waits:
// its batches are never smaller than the one before.
void EventIntake::flushIfComplete()
{
    if (m_queue.size() >= m_lastBatch)
        flush();
    else if (!m_holdTimer.isActive())
        m_holdTimer.start(kMaxHoldMs);
}

std::shared_ptr<DeferredAnswer> EventIntake::queuedWith(const QString &idempotencyKey) const
{
    return m_byKey.value(idempotencyKey);
}

void EventIntake::flush()
{
    m_flushTimer.stop();
    m_holdTimer.stop();
    if (m_queue.isEmpty())
        return;
    const QList<Queued> batch = std::exchange(m_queue, {});
    m_lastBatch = batch.size();
    m_byKey.clear();
    QList<QByteArray> answers;
    try {
        // The events, their deliveries and the remembered answers commit together, so a repeat
        // after a crash either finds the answer or finds that nothing was accepted.
        WriteTransaction transaction(m_db);
        for (const Queued &queued : batch) {
            const EventPublisher::Result result = m_publisher.publish(queued.type, queued.dataJson);
            answers.append(answerBody(result.event.id, result.deliveries.size()));
            if (!queued.idempotencyKey.isEmpty())
                m_keys.save(queued.idempotencyKey, answers.last(), queued.atMs);
        }
        transaction.commit();
    } catch (const StoreError &error) {
        qCritical("could not store %lld published events: %s", static_cast<long long>(batch.size()), error.what());
        const ApiResponse failed = ApiError(500, QStringLiteral("internal_error"),
                                            QStringLiteral("the event could not be stored and was not accepted; send it again"))
                                       .toResponse();
        for (const Queued &queued : batch)
            queued.answer->complete(failed);
        return;
    }
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch[i].answer->complete(ApiResponse::rawJson(202, answers[i]));
}
