#pragma once

#include <QByteArray>
#include <QString>

// Identifiers and secrets, all drawn from OpenSSL's CSPRNG.
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
