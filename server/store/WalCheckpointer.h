#pragma once

#include <QString>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

// Copies the write-ahead log back into the database file on a thread of its own. SQLite does
// that inside the COMMIT that crosses its threshold, with two fsyncs, so a tenth of publishing
// events went to checkpoints on the thread that answers requests. The main connection's
// automatic checkpoints are turned off; its commits tell this one when the log has grown.
class WalCheckpointer
{
public:
    // Opens a second connection to path; watches connection's commits.
    WalCheckpointer(sqlite3 *connection, const QString &path);
    // Stops the thread; SQLite checkpoints what is left when the last connection closes.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    bool isRunning() const { return m_db != nullptr; }

private:
    static int onCommit(void *self, sqlite3 *, const char *, int framesInLog);
    void run();
    void checkpoint();

    sqlite3 *m_connection;   // the main one, whose commits are watched
    sqlite3 *m_db = nullptr; // this thread's own
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stopping = false;
    std::thread m_thread;
};
