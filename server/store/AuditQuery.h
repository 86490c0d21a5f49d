#pragma once

#include <QtGlobal>
#include <optional>

// A page of the audit log, newest first, optionally within a time window.
struct AuditQuery
{
    std::optional<qint64> fromMs; // inclusive, on the entry's time
    std::optional<qint64> toMs;   // inclusive
    int page = 1;
    int perPage = 20;
};
