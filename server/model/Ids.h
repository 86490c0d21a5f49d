#pragma once

#include <QByteArray>
#include <QString>

// Identifiers and secrets, drawn from OpenSSL's CSPRNG. Ids are a prefix and 22 base62
// characters: 8 of creation time (Unix ms, so ids sort by age, like KSUIDs) and 14 random.
namespace Ids {
QString endpointId();
QString deliveryId();
QString eventId();
QString attemptId();
// "whs_" + base64 of 24 random bytes.
QString endpointSecret();
// A bearer token for the admin API (URL-safe, 256 bits).
QString adminToken();
QByteArray randomBytes(int count);
}
