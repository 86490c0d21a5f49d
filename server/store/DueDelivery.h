#pragma once

#include "Event.h"

#include <QString>

// A pending delivery whose time has come, with what it takes to send it.
struct DueDelivery
{
    QString deliveryId;
    QString endpointId;
    QString url;
    QString secret;
    int attemptCount = 0; // attempts made before this one
    Event event;
};
