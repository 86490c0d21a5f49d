#pragma once

#include "Attempt.h"
#include "DeliveryStatus.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

// One event on its way to one endpoint, with the attempts made so far.
struct Delivery
{
    QString id;
    QString endpointId;
    QString eventId;
    QString event; // the event type
    DeliveryStatus status = DeliveryStatus::Pending;
    std::optional<int> httpStatus; // of the latest attempt
    int attemptCount = 0;
    qint64 createdAtMs = 0;
    std::optional<qint64> deliveredAtMs;
    std::optional<qint64> nextAttemptAtMs;
    QString lastError;
    bool test = false;
    QList<Attempt> attempts; // filled only when one delivery is read in full

    QJsonObject toJson() const;
    QJsonObject toJsonWithAttempts() const;
    static Delivery fromJson(const QJsonObject &json);
};
