#pragma once

#include "Router.h"

// GET /api/health: no auth, for load balancers and the console's status bar.
class HealthApi
{
public:
    void registerRoutes(Router &router);
};
