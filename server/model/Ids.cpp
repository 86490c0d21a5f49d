#include "Ids.h"

#include "Rfc3339.h"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

namespace Ids {
namespace {

// In ASCII order, so fixed-width base62 text sorts like the number it encodes.
constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kTimeDigits = 8;    // 62^8 ms reach past the year 8000
constexpr int kRandomDigits = 14; // 62^14: 83 random bits

// Random bytes for ids, drawn from OpenSSL's CSPRNG a few KiB at a time: one RAND_bytes call per
// id, with the locking inside it, was a twentieth of publishing an event. Secrets and tokens
// still take their bytes straight from randomBytes().
unsigned char nextIdByte()
{
    thread_local QByteArray pool;
    thread_local qsizetype used = 0;
    if (used == pool.size()) {
        pool = randomBytes(4096);
        used = 0;
    }
    return static_cast<unsigned char>(pool.at(used++));
}

void writeBase62(char *out, int length)
{
    for (int written = 0; written < length;) {
        // Rejection sampling keeps every character equally likely (248 = 4 * 62).
        const unsigned char byte = nextIdByte();
        if (byte < 248)
            out[written++] = alphabet[byte % 62];
    }
}

void writeTimeDigits(char *out, qint64 unixMs)
{
    for (int i = kTimeDigits - 1; i >= 0; --i, unixMs /= 62)
        out[i] = alphabet[unixMs > 0 ? unixMs % 62 : 0];
}

// Ids start with their creation time, so they sort by age and a new row's entry lands at the
// end of every index on an id column instead of on a random page: a commit of many events then
// writes a few index pages, not one page per event and index (the ingestion rate depends on it).
// Written into one buffer: two ids per published event, each once built from three strings.
QString prefixed(const char *prefix, qint64 unixMs = Rfc3339::nowMs())
{
    constexpr int kPrefix = 4; // "evt_", "del_", ...
    char text[kPrefix + kTimeDigits + kRandomDigits];
    std::copy_n(prefix, kPrefix, text);
    writeTimeDigits(text + kPrefix, unixMs);
    writeBase62(text + kPrefix + kTimeDigits, kRandomDigits);
    return QString::fromLatin1(text, sizeof(text));
}

} // namespace

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed");
    return bytes;
}

QString endpointId() { return prefixed("whe_"); }
QString deliveryId() { return prefixed("del_"); }
QString eventId() { return prefixed("evt_"); }
QString attemptId() { return prefixed("att_"); }

QString eventIdAt(qint64 unixMs) { return prefixed("evt_", unixMs); }

QString eventIdFloor(qint64 unixMs)
{
    char digits[kTimeDigits];
    writeTimeDigits(digits, unixMs);
    return QLatin1String("evt_") + QLatin1String(digits, kTimeDigits) + QString(kRandomDigits, QLatin1Char(alphabet[0]));
}

QString endpointSecret()
{
    return QLatin1String("whs_") + QString::fromLatin1(randomBytes(24).toBase64());
}

QString adminToken()
{
    return QString::fromLatin1(randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace Ids
