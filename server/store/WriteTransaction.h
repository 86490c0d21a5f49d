#pragma once

class Database;

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed. Nests: only the outermost one talks
// to SQLite, so a store method can be called alone or inside a larger transaction.
class WriteTransaction
{
public:
    explicit WriteTransaction(Database &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    void commit();

private:
    Database &m_db;
    bool m_done = false;
};
