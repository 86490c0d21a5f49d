#include "WalCheckpointer.h"

#include <QtGlobal>

#include <sqlite3.h>

#include <chrono>

namespace {
// SQLite's own threshold: about 4 MB of log before it is copied back.
constexpr int kCheckpointFrames = 1000;
constexpr auto kAtLeastEvery = std::chrono::seconds(1);
} // namespace

WalCheckpointer::WalCheckpointer(sqlite3 *connection, const QString &path)
{
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        qWarning("cannot open a checkpoint connection (%s); the database checkpoints itself", sqlite3_errmsg(m_db));
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    sqlite3_busy_timeout(m_db, 5000);
    // Setting a WAL hook replaces SQLite's automatic checkpoints on that connection.
    sqlite3_wal_hook(connection, &WalCheckpointer::onCommit, this);
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    if (!m_db)
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    sqlite3_close(m_db);
}

int WalCheckpointer::onCommit(void *self, sqlite3 *, const char *, int framesInLog)
{
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    if (framesInLog >= kCheckpointFrames) {
        {
            const std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_due = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, kAtLeastEvery, [this] { return m_due || m_stopping; });
        if (m_stopping)
            break;
        m_due = false;
        lock.unlock();
        // PASSIVE never waits for the writer: it copies what is committed and leaves the rest
        // for the next round, and the writer starts the log over once it has all been copied.
        int logFrames = 0;
        int copied = 0;
        const int result = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
        if (result != SQLITE_OK && result != SQLITE_BUSY)
            qWarning("database checkpoint failed: %s", sqlite3_errmsg(m_db));
        lock.lock();
    }
}
