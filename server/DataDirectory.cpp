#include "DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

namespace DataDirectory {
namespace {

bool writable(const QString &dir)
{
    // access(2) rather than QFileInfo::isWritable: it follows the process's real rights,
    // root's included, instead of comparing permission bits.
    return ::access(QFile::encodeName(dir).constData(), W_OK | X_OK) == 0;
}

} // namespace

QString databasePath(const QString &dir)
{
    return QDir(dir).filePath(QStringLiteral("webhooks.sqlite"));
}

QString masterKeyPath(const QString &dir)
{
    return QDir(dir).filePath(QStringLiteral("master.key"));
}

std::optional<QString> prepare(const QString &dir)
{
    if (dir.isEmpty())
        return QStringLiteral("no data directory given (--data-dir)");
    if (!QDir().mkpath(dir))
        return QStringLiteral("cannot create data directory %1").arg(dir);
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return std::nullopt;
}

std::optional<QString> checkUsable(const QString &dir)
{
    if (dir.isEmpty())
        return QStringLiteral("no data directory given (--data-dir)");
    QFileInfo info(QFileInfo(dir).absoluteFilePath());
    const bool exists = info.exists();
    while (!info.exists() && !info.isRoot())
        info = QFileInfo(info.absolutePath());
    if (!info.isDir())
        return QStringLiteral("cannot create data directory %1: %2 is not a directory").arg(dir, info.filePath());
    if (!writable(info.filePath()))
        return exists ? QStringLiteral("data directory %1 is not writable").arg(dir)
                      : QStringLiteral("cannot create data directory %1: %2 is not writable").arg(dir, info.filePath());
    return std::nullopt;
}

std::optional<QString> checkDatabaseFile(const QString &dir)
{
    const QFileInfo database(databasePath(dir));
    if (!database.exists() || database.size() > 0 || !QFile::exists(masterKeyPath(dir)))
        return std::nullopt;
    return QStringLiteral("%1 is empty, but %2 exists: the data looks lost. Restore webhooks.sqlite from your backup; "
                          "to start afresh with no endpoints and no history, delete both files")
        .arg(database.filePath(), masterKeyPath(dir));
}

} // namespace DataDirectory
