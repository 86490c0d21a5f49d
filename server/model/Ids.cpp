#include "Ids.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace Ids {
namespace {

QString base62(int length)
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString out;
    out.reserve(length);
    while (out.size() < length) {
        for (const unsigned char byte : randomBytes(length)) {
            // Rejection sampling keeps every character equally likely (248 = 4 * 62).
            if (byte < 248 && out.size() < length)
                out.append(QLatin1Char(alphabet[byte % 62]));
        }
    }
    return out;
}

QString prefixed(const char *prefix, int length)
{
    return QLatin1String(prefix) + base62(length);
}

} // namespace

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed");
    return bytes;
}

QString endpointId() { return prefixed("whe_", 22); }
QString deliveryId() { return prefixed("del_", 22); }
QString eventId() { return prefixed("evt_", 22); }
QString attemptId() { return prefixed("att_", 22); }

QString endpointSecret()
{
    return QLatin1String("whs_") + QString::fromLatin1(randomBytes(24).toBase64());
}

QString adminToken()
{
    return QString::fromLatin1(randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace Ids
