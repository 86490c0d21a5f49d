#include "DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace DataDirectory {
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
