#pragma once

#include "AuditLogEntry.h"

#include <QList>

// One page of GET /api/audit-log with its "meta", newest entry first.
struct AuditLogPage
{
    QList<AuditLogEntry> entries;
    int page = 1;
    int perPage = 20;
    int total = 0;

    int pageCount() const;
};
