#include "HttpWire.h"

#include <charconv>
#include <cstring>

QByteArray HttpWire::reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 409: return QByteArrayLiteral("Conflict");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 421: return QByteArrayLiteral("Misdirected Request");
    case 422: return QByteArrayLiteral("Unprocessable Content");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 503: return QByteArrayLiteral("Service Unavailable");
    default: return QByteArrayLiteral("Unknown");
    }
}

namespace {
// Fills a buffer sized once: every answer passes here, and growing a QByteArray piece by piece
// (nine appends, two numbers as QByteArrays) cost a third of what the gateway did per request.
class WireWriter
{
public:
    explicit WireWriter(qsizetype capacity)
        : m_bytes(capacity, Qt::Uninitialized)
        , m_at(m_bytes.data())
    {
    }
    WireWriter &operator<<(QByteArrayView text)
    {
        std::memcpy(m_at, text.data(), size_t(text.size()));
        m_at += text.size();
        return *this;
    }
    WireWriter &operator<<(qint64 number)
    {
        m_at = std::to_chars(m_at, m_at + kMaxDigits, number).ptr;
        return *this;
    }
    QByteArray take()
    {
        m_bytes.truncate(m_at - m_bytes.constData());
        return std::move(m_bytes);
    }

    static constexpr qsizetype kMaxDigits = 20;

private:
    QByteArray m_bytes;
    char *m_at;
};
} // namespace

QByteArray HttpWire::response(const ApiResponse &response, Body body)
{
    const QByteArray reason = reasonPhrase(response.status);
    // RFC 9110 8.6: no Content-Length on a 204, which never has content.
    const bool hasContent = response.status != 204;
    const bool sendsBody = body == Body::Sent && hasContent;
    qsizetype capacity = 64 + 2 * WireWriter::kMaxDigits + reason.size() + response.contentType.size()
        + (sendsBody ? response.body.size() : 0);
    for (const auto &[name, value] : response.headers)
        capacity += name.size() + value.size() + 4;

    WireWriter out(capacity);
    out << "HTTP/1.1 " << response.status << " " << reason << "\r\n";
    if (!response.contentType.isEmpty())
        out << "Content-Type: " << response.contentType << "\r\n";
    for (const auto &[name, value] : response.headers)
        out << name << ": " << value << "\r\n";
    if (hasContent)
        out << "Content-Length: " << response.body.size() << "\r\n";
    out << "\r\n";
    if (sendsBody)
        out << response.body;
    return out.take();
}
