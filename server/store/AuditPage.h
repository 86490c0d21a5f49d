#pragma once

#include "AuditEntry.h"

#include <QList>

struct AuditPage
{
    QList<AuditEntry> items;
    qint64 total = 0; // entries across all pages
};
