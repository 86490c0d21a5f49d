#pragma once

#include <QString>
#include <optional>

// What the database has run into while the server runs: a damaged file, a failing or full
// disk. SQLite reports it on the statement that hit it; GET /api/health reports it until it is
// over, so a load balancer or monitor sees that publishes fail. Damage lasts until the file
// is repaired; an I/O error or a full disk is over once a write transaction commits again.
// Used on the thread of the connection it belongs to.
class DatabaseHealth
{
public:
    // sqliteCode: the (extended) result code of the failed call; message: SQLite's text for it.
    void noteFailure(int sqliteCode, const QString &message);
    void noteCommit();
    // Empty while the database works.
    std::optional<QString> problem() const;
    bool isDamaged() const { return m_damaged; }
    // SQLite's words for the latest problem, e.g. "database disk image is malformed".
    QString cause() const { return m_cause; }

    // SQLITE_CORRUPT and SQLITE_NOTADB: the file itself is damaged.
    static bool isDamage(int sqliteCode);

private:
    QString m_problem;
    QString m_cause;
    bool m_damaged = false;
};
