#pragma once

#include "Attempt.h"
#include "DeliveryStatus.h"

#include <QString>
#include <optional>

// A finished attempt and where it leaves its delivery, written in batches by DeliveryStore::record.
struct AttemptOutcome
{
    QString deliveryId;
    // The dispatcher knows the row and the attempt's number from the claim; others leave
    // deliverySeq 0 and the store looks both up.
    qint64 deliverySeq = 0;
    Attempt attempt;
    DeliveryStatus status = DeliveryStatus::Pending;
    std::optional<qint64> nextAttemptAtMs;
};
