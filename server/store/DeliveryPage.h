#pragma once

#include "Delivery.h"

#include <QList>

struct DeliveryPage
{
    QList<Delivery> items;
    qint64 total = 0; // matching deliveries across all pages
};
