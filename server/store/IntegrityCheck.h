#pragma once

#include <QString>

struct sqlite3;

// PRAGMA quick_check within a time limit. It reads every page: about 85 ms per 100,000
// deliveries with the file in the page cache, and on a slow disk ten times that cold (1.2-1.6 s
// and 9.7 s for 1,000,000 here). Cut short, it lets the start go on: damage in the part not
// checked still shows on /api/health once something meets it.
class IntegrityCheck
{
public:
    enum class Outcome { Ok, Damaged, CutShort, Failed };
    struct Result
    {
        Outcome outcome = Outcome::Ok;
        QString detail; // SQLite's first finding for Damaged, its error for Failed
    };

    // Runs on connection, on the calling thread (the connection's own).
    static Result run(sqlite3 *connection, int budgetMs);
};
