#pragma once

#include "DeliveryInfo.h"

#include <QList>

// One page of GET .../deliveries with its "meta".
struct DeliveryListPage
{
    QList<DeliveryInfo> deliveries;
    int page = 1;
    int perPage = 20;
    int total = 0;

    int pageCount() const { return total <= 0 ? 1 : (total + perPage - 1) / perPage; }
};
