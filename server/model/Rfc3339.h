#pragma once

#include <QString>
#include <optional>

// Timestamps travel as RFC 3339 UTC text ("2026-06-07T10:00:00Z") and live as Unix milliseconds.
namespace Rfc3339 {
QString format(qint64 unixMs);
QByteArray formatLatin1(qint64 unixMs); // the same text as bytes, for payloads built as bytes
QString formatOrNull(std::optional<qint64> unixMs);
std::optional<qint64> parse(const QString &text);
qint64 nowMs();
}
