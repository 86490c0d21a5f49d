#pragma once

#include "AuditEntry.h"
#include "AuditPage.h"
#include "AuditQuery.h"

class Database;

// The audit log of admin changes, newest first.
class AuditStore
{
public:
    explicit AuditStore(Database &db) : m_db(db) {}

    void record(const AuditEntry &entry);
    AuditPage list(const AuditQuery &query);

private:
    Database &m_db;
};
