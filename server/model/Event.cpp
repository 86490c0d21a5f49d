#include "Event.h"

#include "Rfc3339.h"

#include <algorithm>

namespace {
// Appends a JSON string literal. Ids and event types are plain ASCII, but nothing here assumes it.
void appendQuoted(QByteArray &out, QByteArrayView utf8)
{
    out += '"';
    const auto plain = [](char c) { return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20; };
    if (std::all_of(utf8.cbegin(), utf8.cend(), plain)) {
        out.append(utf8).append('"');
        return;
    }
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += "\\u00" + QByteArray::number(static_cast<int>(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
}
} // namespace

QByteArray Event::payload() const
{
    return payloadOf(id.toUtf8(), type.toUtf8(), createdAtMs, data, test);
}

QByteArray Event::payloadOf(QByteArrayView id, QByteArrayView type, qint64 createdAtMs, QByteArrayView dataJson,
                            bool test)
{
    // Built as text: the outbox stores data as JSON text already, and parsing it only to
    // serialize it again was a large part of sending a delivery.
    QByteArray out;
    out.reserve(dataJson.size() + id.size() + type.size() + 80);
    out.append(QByteArrayView("{\"id\":"));
    appendQuoted(out, id);
    out.append(QByteArrayView(",\"type\":"));
    appendQuoted(out, type);
    out.append(QByteArrayView(",\"created_at\":\""));
    out.append(Rfc3339::formatLatin1(createdAtMs));
    out.append(QByteArrayView("\",\"data\":"));
    out.append(dataJson);
    if (test)
        out.append(QByteArrayView(",\"test\":true"));
    out.append('}');
    return out;
}
