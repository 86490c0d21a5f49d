#pragma once

#include "DeliveryStatus.h"

#include <QString>
#include <optional>

// A filtered page of one endpoint's delivery history, newest first.
struct DeliveryQuery
{
    QString endpointId;
    std::optional<qint64> fromMs; // inclusive, on the delivery's creation time
    std::optional<qint64> toMs;   // inclusive
    std::optional<DeliveryStatus> status;
    int page = 1;
    int perPage = 20;
};
