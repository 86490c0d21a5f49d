#pragma once

#include "Router.h"

class DatabaseHealth;

// GET /api/health: no auth, for load balancers and the console's status bar. "ok" (200) while
// the database works; "degraded" (503) with the reason while it is damaged or cannot be
// written, since every publish then fails.
class HealthApi
{
public:
    explicit HealthApi(const DatabaseHealth &database);
    void registerRoutes(Router &router);

private:
    ApiResponse answer() const;

    const DatabaseHealth &m_database;
};
