#pragma once

#include "AttemptOutcome.h"
#include "DueDelivery.h"
#include "HttpSender.h"
#include "RetryPolicy.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTimer>

class DeliveryStore;

// Moves due deliveries from the outbox to receivers: claims them in batches, signs, sends
// through HttpSender, asks RetryPolicy what a failure means, and writes finished attempts back
// in batches. In-flight rows are marked in the database, so after a crash they are due again.
class Dispatcher : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 timeoutMs = 15000;
        int maxInFlight = 256;
        int maxInFlightPerEndpoint = 16; // a hanging receiver holds at most this many slots
        int claimBatch = 200;
    };

    Dispatcher(DeliveryStore &store, HttpSender &sender, RetryPolicy policy, Limits limits,
               QObject *parent = nullptr);
    ~Dispatcher() override;

    void start();
    // Aborts what is in flight, writes what finished, and leaves the rest pending.
    void stop();
    // Something may be due now (new event, retry, re-enabled endpoint).
    void wake();
    // The endpoint is gone: abort its requests.
    void endpointRemoved(const QString &endpointId);
    int inFlight() const { return static_cast<int>(m_inFlight.size()); }

signals:
    void outcomesRecorded(int count);
    // The same batch in detail, for metrics.
    void attemptsRecorded(const QList<AttemptOutcome> &outcomes);

private:
    struct InFlight
    {
        HttpSender::Handle handle = 0;
        QString endpointId;
        int attemptCount = 0;
        qint64 startedAtMs = 0;
    };

    void pump();
    bool startBatch();
    void send(const DueDelivery &due);
    void finish(const QString &deliveryId, const OutboundResult &result);
    AttemptOutcome outcomeOf(const QString &deliveryId, const InFlight &flight, const OutboundResult &result) const;
    void flush();
    void scheduleNextWake();
    QSet<QString> saturatedEndpoints() const;

    DeliveryStore &m_store;
    HttpSender &m_sender;
    RetryPolicy m_policy;
    Limits m_limits;
    QByteArray m_userAgent;
    QHash<QString, InFlight> m_inFlight;
    QHash<QString, int> m_perEndpoint;
    QList<AttemptOutcome> m_finished;
    QTimer m_pumpTimer;
    QTimer m_flushTimer;
    bool m_running = false;
};
