#pragma once

#include "AttemptOutcome.h"
#include "ConcurrencyLimit.h"
#include "DueDelivery.h"
#include "HttpSender.h"
#include "RetryPolicy.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <memory>

class DeliveryStore;
class SigningKey;

// Moves due deliveries from the outbox to receivers: claims them in batches into a ready queue
// per endpoint, signs, sends through HttpSender, asks RetryPolicy what a failure means, and
// writes finished attempts back in batches. Claimed rows are marked in flight in the database
// until recorded, so after a crash they are due again.
class Dispatcher : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 timeoutMs = 15000;
        int maxInFlight = 256;
        ConcurrencyLimit::Bounds perEndpoint; // in flight per endpoint, adapted to how it answers
        int claimBatch = 128;
        int maxClaimed = 2048; // in flight + queued, all endpoints
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
    // Its URL, secret or state changed: what is queued for it is claimed again with the new settings.
    void endpointChanged(const QString &endpointId);
    // Whether a new delivery to the endpoint can go straight to its ready queue (it has room and
    // the dispatcher knows where to send and how to sign); see EventPublisher::Handoff.
    bool takesAtOnce(const QString &endpointId) const;
    // Deliveries stored in flight for the dispatcher, after their commit.
    void take(const QList<DueDelivery> &deliveries);
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
        qint64 seq = 0;
        int attemptCount = 0;
        qint64 submittedAtMs = 0; // handed to the sender; it may wait in its lane before it starts
    };
    // Where an endpoint's deliveries go and how they are signed, prepared once per URL and secret.
    struct Target
    {
        QString url;
        QString secret;
        QUrl parsedUrl;
        std::shared_ptr<SigningKey> key;
    };

    void schedulePump();
    void pump();
    bool claimWanted() const;
    void claimDue();
    void startReady();
    void dropQueue(const QString &endpointId, QStringList &released);
    // Back to the outbox (not in flight any more); if that fails, kept for the next pump.
    void releaseToOutbox(const QStringList &deliveryIds);
    // The caller counts it in m_perEndpoint.
    void send(const DueDelivery &due, int laneLimit);
    const Target &targetFor(const DueDelivery &due);
    void finish(const QString &deliveryId, const OutboundResult &result);
    AttemptOutcome outcomeOf(const QString &deliveryId, const InFlight &flight, const OutboundResult &result) const;
    void flush();
    void scheduleNextWake();
    QSet<QString> saturatedEndpoints() const;
    int queuedFor(const QString &endpointId) const;
    int claimedFor(const QString &endpointId) const;
    int limitFor(const QString &endpointId) const;
    void adapt(const InFlight &flight, const OutboundResult &result);

    DeliveryStore &m_store;
    HttpSender &m_sender;
    RetryPolicy m_policy;
    Limits m_limits;
    QByteArray m_userAgent;
    QHash<QString, InFlight> m_inFlight;
    QHash<QString, int> m_perEndpoint;          // in flight, per endpoint
    QHash<QString, QList<DueDelivery>> m_ready; // claimed, not yet sent, per endpoint
    QHash<QString, Target> m_targets;
    QHash<QString, ConcurrencyLimit> m_concurrency;
    int m_readyCount = 0;
    bool m_claimWanted = false;    // something new may be due
    bool m_lastClaimFull = false;  // the last claim was cut by its limit: more may be due
    QSet<QString> m_skippedAtClaim; // left out as saturated by the last claim or due time
    QList<AttemptOutcome> m_finished;
    QStringList m_toRelease; // taken back from the sender unsent, or not released yet: at the next pump
    QTimer m_pumpTimer; // at the next turn of the event loop
    QTimer m_dueTimer;  // when the next delivery falls due
    QTimer m_flushTimer;
    bool m_running = false;
};
