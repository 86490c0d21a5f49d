#pragma once

#include <QString>

#include <optional>

// When a drain began and ended by the server's own records, read from its data directory after
// it stopped: the first attempt's start and the last delivery's end. Timing from the outside
// meant polling the API often enough for a one-second drain, and on two cores those polls
// (a curl process every 10 ms) took a fifth of the drain rate.
class DrainSpan
{
public:
    qint64 delivered = 0;
    qint64 firstStartedAtMs = 0;
    qint64 lastDeliveredAtMs = 0;

    // Opened read-only, so a data directory of an older build is read as it is.
    static std::optional<DrainSpan> read(const QString &dataDir, QString *error);
};
