#pragma once

#include "Router.h"

class AuditStore;

// GET /api/audit-log?from=&to=&page=&per_page=: the admin changes, newest first (admin token only).
class AuditApi
{
public:
    explicit AuditApi(AuditStore &store) : m_store(store) {}

    void registerRoutes(Router &router);

private:
    ApiResponse list(const ApiRequest &request);

    AuditStore &m_store;
};
