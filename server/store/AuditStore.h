#pragma once

#include "AuditEntry.h"
#include "AuditPage.h"

class Database;

// The audit log of admin changes, newest first.
class AuditStore
{
public:
    explicit AuditStore(Database &db) : m_db(db) {}

    void record(const AuditEntry &entry);
    // page counts from 1.
    AuditPage list(int page, int perPage);

private:
    Database &m_db;
};
