#pragma once

#include <QString>
#include <optional>

// The data directory and what must hold in it before the database is opened. A start and
// --check-config run the same checks, so a configuration found ok also starts.
namespace DataDirectory {
QString databasePath(const QString &dir);
QString masterKeyPath(const QString &dir);
// Creates dir (mode 0700) when it does not exist.
std::optional<QString> prepare(const QString &dir);
// What prepare() would run into, without creating anything: dir exists and is writable, or
// the nearest existing parent is a writable directory.
std::optional<QString> checkUsable(const QString &dir);
// Refuses an empty database file beside the master key it was written with: every start
// writes the file's first page before it generates the key, so the data was lost (a full
// disk, a restore gone wrong). Starting would silently make an empty install out of it.
std::optional<QString> checkDatabaseFile(const QString &dir);
}
