#pragma once

#include <QByteArray>
#include <QString>

// Identifiers and secrets, drawn from OpenSSL's CSPRNG. Ids are a prefix and 22 base62
// characters: 8 of creation time (Unix ms, so ids sort by age, like KSUIDs) and 14 random.
namespace Ids {
QString endpointId();
QString deliveryId();
QString eventId();
// An event id for an event created at unixMs (eventId() is one for now); tools that write
// history with past times use it, so retention finds those events by their id.
QString eventIdAt(qint64 unixMs);
// The smallest event id that an event created at unixMs can have: every one made earlier sorts below.
QString eventIdFloor(qint64 unixMs);
QString attemptId();
// "whs_" + base64 of 24 random bytes.
QString endpointSecret();
// A bearer token for the admin API (URL-safe, 256 bits).
QString adminToken();
QByteArray randomBytes(int count);
}
