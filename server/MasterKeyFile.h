#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// The 32-byte key that seals endpoint secrets in the database. Kept in its own file (mode 0600)
// so a copy of the database alone reveals no secret. Never logged.
namespace MasterKeyFile {
// A file of exactly 32 raw bytes, or text holding 64 hex digits or the base64 of 32 bytes
// (so `openssl rand -hex 32 > key` works). nullopt + error otherwise.
std::optional<QByteArray> read(const QString &path, QString *error);
// Reads path, or writes 32 new random bytes there (mode 0600) when it does not exist.
std::optional<QByteArray> readOrCreate(const QString &path, bool *created, QString *error);
}
