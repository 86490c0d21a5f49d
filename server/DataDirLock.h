#pragma once

#include <QString>
#include <optional>

// Keeps a second server off a data directory. Two servers on one database each release the
// other's in-flight deliveries at start (sent twice) and each serves endpoints from a cache the
// other's changes never reach. flock(2) on <data-dir>/server.lock, held for the object's life:
// the kernel drops it when the process ends in any way, kill -9 included, so a crash never
// leaves a stale lock behind. The file itself stays (removing it would let a third server lock
// a new file while a second still holds the old one); it names the holder for the refusal.
class DataDirLock
{
public:
    explicit DataDirLock(const QString &dataDir);
    ~DataDirLock();
    DataDirLock(const DataDirLock &) = delete;
    DataDirLock &operator=(const DataDirLock &) = delete;

    // Takes the lock; an error naming the running server (its pid and address) when another
    // process holds it.
    std::optional<QString> acquire();
    // Records where this server listens, so a refused second one can say.
    void announce(const QString &baseUrl);

private:
    QString holder() const;
    void record(const QByteArray &content);

    QString m_path;
    int m_fd = -1;
};
