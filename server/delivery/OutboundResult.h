#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// What one attempt produced. Either an HTTP status arrived (httpStatus set, error empty) or the
// attempt failed before a complete answer (error holds a readable reason).
struct OutboundResult
{
    std::optional<int> httpStatus;
    QString error;                      // e.g. "connection refused", "timed out after 15000 ms"
    QByteArray body;                    // at most the first 4 KiB of the response body
    std::optional<QByteArray> retryAfter; // raw Retry-After header value, if any
    qint64 durationMs = 0; // from the moment it started
    qint64 waitedMs = 0;   // waiting for a slot of its lane before it started
    bool withdrawn = false; // taken back before it started (HttpSender::withdraw): nothing was sent
};
