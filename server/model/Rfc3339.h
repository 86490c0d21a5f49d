#pragma once

#include <QString>
#include <optional>

// Timestamps travel as RFC 3339 UTC text ("2026-06-07T10:00:00Z") and live as Unix milliseconds.
namespace Rfc3339 {
QString format(qint64 unixMs);
QByteArray formatLatin1(qint64 unixMs); // the same text as bytes, for payloads built as bytes
QString formatOrNull(std::optional<qint64> unixMs);
// The first millisecond the text names; digits past the millisecond are cut, not rounded.
std::optional<qint64> parse(const QString &text);
// The last millisecond the text covers at the precision it is written in. The API shows whole
// seconds, so a client can only echo "10:00:00Z" back, which must cover what the API showed
// that way: 10:00:00.000 to .999. "10:00:00.5Z" covers up to .599; three or more digits name
// one millisecond.
std::optional<qint64> parseLast(const QString &text);
qint64 nowMs();
}
