#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// Reading and creating the files that hold API tokens. Tokens are never logged.
namespace TokenFiles {
// The first line of path, trimmed; nullopt + error when unreadable or empty.
std::optional<QByteArray> read(const QString &path, QString *error);
// Reads path, or writes a new random token there (mode 0600) when it does not exist.
std::optional<QByteArray> readOrCreate(const QString &path, bool *created, QString *error);
}
