#pragma once

#include "Attempt.h"
#include "DeliveryStatus.h"

#include <QString>
#include <optional>

// A finished attempt and where it leaves its delivery, written in batches by DeliveryStore::record.
struct AttemptOutcome
{
    QString deliveryId;
    Attempt attempt; // its number is assigned by the store
    DeliveryStatus status = DeliveryStatus::Pending;
    std::optional<qint64> nextAttemptAtMs;
};
