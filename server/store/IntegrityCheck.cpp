#include "IntegrityCheck.h"

#include "DatabaseHealth.h"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace {

// SQLite checks the whole file inside one step, where a progress handler never runs; only
// sqlite3_interrupt from another thread stops it. The mutex keeps that from landing on a
// statement after the check.
class Watchdog
{
public:
    Watchdog(sqlite3 *connection, int budgetMs)
        : m_thread([this, connection, budgetMs] {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait_for(lock, std::chrono::milliseconds(budgetMs), [this] { return m_done; }))
                sqlite3_interrupt(connection);
        })
    {
    }
    ~Watchdog()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    std::thread m_thread; // last: starts once the members it uses exist
};

IntegrityCheck::Result failure(sqlite3 *connection, int code)
{
    if (code == SQLITE_INTERRUPT)
        return {IntegrityCheck::Outcome::CutShort, {}};
    const QString message = QString::fromUtf8(sqlite3_errmsg(connection));
    return {DatabaseHealth::isDamage(code) ? IntegrityCheck::Outcome::Damaged : IntegrityCheck::Outcome::Failed, message};
}

} // namespace

IntegrityCheck::Result IntegrityCheck::run(sqlite3 *connection, int budgetMs)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(connection, "PRAGMA quick_check", -1, &statement, nullptr) != SQLITE_OK)
        return failure(connection, sqlite3_extended_errcode(connection));
    Result result;
    {
        const Watchdog watchdog(connection, budgetMs);
        const int code = sqlite3_step(statement);
        if (code != SQLITE_ROW) {
            result = failure(connection, code);
        } else {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, 0));
            const QString first = QString::fromUtf8(text ? text : "");
            if (first != QLatin1String("ok"))
                result = {Outcome::Damaged, first.simplified()};
        }
        sqlite3_finalize(statement); // before the watchdog ends: nothing of the check is left running
    }
    return result;
}
