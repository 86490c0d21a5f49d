#pragma once

#include "DeliveryInfo.h"

#include <QList>

// One page of GET .../deliveries with its "meta".
struct DeliveryListPage
{
    QList<DeliveryInfo> deliveries;
    // 64-bit: a server may claim any count, and an overflow once turned into a request storm.
    qint64 page = 1;
    int perPage = 20;
    qint64 total = 0;

    qint64 pageCount() const { return total <= 0 ? 1 : total / qMax<qint64>(1, perPage) + (total % qMax<qint64>(1, perPage) != 0); }
};
