#include "WalCheckpointer.h"

#include <QtGlobal>

#include <sqlite3.h>

#include <chrono>

namespace {
// Four times SQLite's own threshold (about 16 MB of log): a page rewritten by many commits is
// copied back once per checkpoint, so fewer, larger checkpoints cost less CPU, which the two
// cores share with the writer (a tenth less CPU per published event than at 1,000 frames).
constexpr int kCheckpointFrames = 4000;
// SQLite starts the log over only when a write begins with all of it copied, which under steady
// writes a checkpoint running beside them never achieves, so the log would grow for as long as
// the load lasts. Beyond this many frames the writer finishes the job itself after a commit:
// the background rounds have copied nearly everything, so that is quick, and the next write
// starts the log over.
constexpr int kFinishInlineFrames = 4 * kCheckpointFrames;
constexpr auto kAtLeastEvery = std::chrono::seconds(1);
} // namespace

WalCheckpointer::WalCheckpointer(sqlite3 *connection, const QString &path)
    : m_connection(connection)
{
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        qWarning("cannot open a checkpoint connection (%s); the database checkpoints itself", sqlite3_errmsg(m_db));
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    sqlite3_busy_timeout(m_db, 5000);
    // A connection learns that the file is in WAL mode from its first read; until then every
    // checkpoint it runs does nothing, successfully.
    if (sqlite3_exec(m_db, "SELECT 1 FROM sqlite_schema LIMIT 1", nullptr, nullptr, nullptr) != SQLITE_OK) {
        qWarning("cannot read through the checkpoint connection (%s); the database checkpoints itself", sqlite3_errmsg(m_db));
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
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
    sqlite3_wal_hook(m_connection, nullptr, nullptr);
    sqlite3_close(m_db);
}

int WalCheckpointer::onCommit(void *self, sqlite3 *connection, const char *, int framesInLog)
{
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    if (framesInLog >= kFinishInlineFrames) {
        // Busy (the background round holds the checkpoint) is fine: the next commit tries again.
        sqlite3_wal_checkpoint_v2(connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (framesInLog >= kCheckpointFrames) {
        {
            const std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_due = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::checkpoint()
{
    // PASSIVE never waits for the writer: it copies what is committed and leaves the rest for
    // the next round.
    int logFrames = 0;
    int copied = 0;
    const int result = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
    if (result != SQLITE_OK && result != SQLITE_BUSY)
        qWarning("database checkpoint failed: %s", sqlite3_errmsg(m_db));
    else if (result == SQLITE_OK && logFrames < 0) // a busy round reports -1 frames too
        qWarning("database checkpoint did nothing: the database is not in WAL mode");
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
        checkpoint();
        lock.lock();
    }
}
