#pragma once

#include "DeliveryInfo.h"

#include <QDateTime>
#include <QUrlQuery>
#include <optional>

// The delivery-history filters; each field maps to exactly one query parameter of
// GET .../deliveries, and an unset field sends no parameter at all.
struct DeliveryFilter
{
    QDateTime from; // invalid: any
    QDateTime to;   // invalid: any
    std::optional<DeliveryInfo::Status> status;
    qint64 page = 1;
    int perPage = 20;

    QUrlQuery toQuery() const;
    bool operator==(const DeliveryFilter &other) const = default;
};
