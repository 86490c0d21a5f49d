#include "RequestFraming.h"

#include <QList>

#include <algorithm>

namespace {

constexpr qint64 kRequestLineSlack = 1024; // method, spaces and version around the target
constexpr qint64 kMaxChunkSizeLine = 1024;
constexpr int kMaxHeaderCount = 100;

using Rejection = RequestFraming::Rejection;

Rejection badRequest(const QString &message)
{
    return {400, QStringLiteral("bad_request"), message};
}

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isWhitespace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

// RFC 9110's tchar, the only bytes QtHttpServer's header parser accepts in a field name.
bool isFieldName(QByteArrayView name)
{
    static constexpr QByteArrayView others("!#$%&'*+-.^_`|~");
    return !name.isEmpty() && std::all_of(name.cbegin(), name.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || others.contains(c);
    });
}

// Whether a comma-separated header value lists token (case-insensitive), as Connection does.
bool listsToken(QByteArrayView value, const char *token)
{
    for (qsizetype at = 0; at <= value.size();) {
        qsizetype comma = value.indexOf(',', at);
        if (comma < 0)
            comma = value.size();
        const QByteArrayView item = value.sliced(at, comma - at).trimmed();
        if (qstrnicmp(item.data(), item.size(), token) == 0)
            return true;
        at = comma + 1;
    }
    return false;
}

} // namespace

RequestFraming::RequestFraming(const HttpLimits &limits)
    : m_limits(limits)
{
}

RequestFraming::Result RequestFraming::feed(QByteArrayView bytes)
{
    Result result;
    qsizetype offset = 0;
    while (offset < bytes.size() && !result.rejection)
        offset += step(bytes.sliced(offset), result);
    return result;
}

qsizetype RequestFraming::step(QByteArrayView bytes, Result &result)
{
    switch (m_state) {
    case State::Closed:
        return bytes.size(); // the connection ends with the request before: nothing more is read
    case State::BetweenRequests:
        // QtHttpServer skips blank space between requests as well.
        if (isWhitespace(bytes.front()))
            return 1;
        m_state = State::RequestLine;
        return 0;
    case State::Body:
    case State::ChunkData: {
        const qsizetype taken = static_cast<qsizetype>(std::min<qint64>(m_remaining, bytes.size()));
        m_remaining -= taken;
        if (m_remaining == 0) {
            if (m_state == State::Body)
                finishRequest(result);
            else
                m_state = State::ChunkEnd;
        }
        return taken;
    }
    case State::ChunkEnd:
        return expectCrlf(bytes.front(), QStringLiteral("malformed chunked body: chunk data must be followed by CRLF"), result);
    case State::Trailers:
        return expectCrlf(bytes.front(), QStringLiteral("chunked trailer fields are not supported"), result);
    default:
        break;
    }
    const qint64 limit = m_state == State::RequestLine ? m_limits.maxUrlBytes + kRequestLineSlack
        : m_state == State::ChunkSize                  ? kMaxChunkSizeLine
                                                       : m_limits.maxHeaderBytes - m_headerBytes;
    bool complete = false;
    const qsizetype taken = takeLine(bytes, limit, &complete);
    if (taken < 0) {
        result.rejection = lineTooLong();
        return 0;
    }
    if (complete) {
        result.rejection = lineDone();
        if (!result.rejection && m_state == State::BetweenRequests)
            finishRequest(result);
        if (!result.rejection && m_expectsContinue && m_state != State::Headers) {
            result.continueExpected = m_state != State::BetweenRequests && m_state != State::Closed;
            m_expectsContinue = false;
        }
    }
    return taken;
}

qsizetype RequestFraming::takeLine(QByteArrayView bytes, qint64 limit, bool *complete)
{
    const qsizetype newline = bytes.indexOf('\n');
    const qsizetype length = newline < 0 ? bytes.size() : newline + 1;
    if (m_line.size() + length > limit)
        return -1;
    m_line.append(bytes.first(length));
    *complete = newline >= 0;
    return length;
}

std::optional<Rejection> RequestFraming::lineTooLong() const
{
    switch (m_state) {
    case State::RequestLine:
        return Rejection{414, QStringLiteral("uri_too_long"),
                         QStringLiteral("the request target is longer than %1 bytes").arg(m_limits.maxUrlBytes)};
    case State::Headers:
        return Rejection{431, QStringLiteral("headers_too_large"),
                         QStringLiteral("the request headers are larger than %1 bytes").arg(m_limits.maxHeaderBytes)};
    default:
        return badRequest(QStringLiteral("malformed chunked body: chunk size line too long"));
    }
}

// Lines are looked at through views of m_line, which keeps its capacity for the next line: this
// runs for every line of every request, and copying each line and its parts was a sixth of the
// main thread's work per API request.
std::optional<Rejection> RequestFraming::lineDone()
{
    const QByteArrayView raw(m_line);
    std::optional<Rejection> rejection;
    switch (m_state) {
    case State::RequestLine:
        rejection = requestLine(withoutLineEnd(raw));
        break;
    case State::Headers:
        m_headerBytes += raw.size();
        rejection = withoutLineEnd(raw).isEmpty() ? headersDone() : headerLine(withoutLineEnd(raw));
        break;
    case State::ChunkSize:
        // QtHttpServer only frames chunk lines ending in CRLF reliably, so nothing else passes.
        rejection = raw.endsWith("\r\n")
                        ? chunkSize(withoutLineEnd(raw))
                        : badRequest(QStringLiteral("malformed chunked body: chunk size line must end with CRLF"));
        break;
    default:
        break;
    }
    m_line.resize(0);
    return rejection;
}

std::optional<Rejection> RequestFraming::requestLine(QByteArrayView line)
{
    QByteArrayView words[3];
    int count = 0;
    for (qsizetype at = 0; at < line.size();) {
        const qsizetype space = line.indexOf(' ', at);
        const qsizetype end = space < 0 ? line.size() : space;
        if (end > at) {
            if (count == 3) {
                count = 4;
                break;
            }
            words[count++] = line.sliced(at, end - at);
        }
        at = end + 1;
    }
    if (count != 3 || (words[2] != "HTTP/1.1" && words[2] != "HTTP/1.0"))
        return badRequest(QStringLiteral("malformed request line; expected \"METHOD /path HTTP/1.1\""));
    if (words[1].size() > m_limits.maxUrlBytes)
        return lineTooLong();
    m_state = State::Headers;
    m_headerBytes = 0;
    m_headerCount = 0;
    m_contentLength = -1;
    m_chunked = false;
    m_closes = words[2] == "HTTP/1.0"; // RFC 9112 9.3: 1.0 connections are not persistent
    m_expectsContinue = false;
    return std::nullopt;
}

std::optional<Rejection> RequestFraming::headerLine(QByteArrayView line)
{
    if (++m_headerCount > kMaxHeaderCount)
        return Rejection{431, QStringLiteral("headers_too_large"),
                         QStringLiteral("the request has more than %1 header fields").arg(kMaxHeaderCount)};
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isFieldName(line.first(colon)))
        return badRequest(QStringLiteral("malformed header line: a field name is letters, digits and !#$%&'*+-.^_`|~ "
                                         "followed by a colon"));
    if (line.size() > kMaxFieldBytes)
        return Rejection{431, QStringLiteral("headers_too_large"),
                         QStringLiteral("a header field is longer than %1 bytes").arg(kMaxFieldBytes)};
    const QByteArrayView name = line.first(colon);
    const QByteArrayView value = line.sliced(colon + 1).trimmed();
    const auto is = [name](const char *expected) { return qstrnicmp(name.data(), name.size(), expected) == 0; };
    if (is("content-length")) {
        if (!isDigits(value) || value.size() > 18)
            return badRequest(QStringLiteral("Content-Length must be a decimal number of bytes"));
        const qint64 length = value.toLongLong();
        if (m_contentLength >= 0 && m_contentLength != length)
            return badRequest(QStringLiteral("conflicting Content-Length headers"));
        m_contentLength = length;
    } else if (is("transfer-encoding")) {
        if (qstrnicmp(value.data(), value.size(), "chunked") != 0)
            return badRequest(QStringLiteral("only \"Transfer-Encoding: chunked\" is supported"));
        m_chunked = true;
    } else {
        connectionOptions(name, value);
    }
    return std::nullopt;
}

void RequestFraming::connectionOptions(QByteArrayView name, QByteArrayView value)
{
    if (qstrnicmp(name.data(), name.size(), "connection") == 0 && listsToken(value, "close"))
        m_closes = true;
    else if (qstrnicmp(name.data(), name.size(), "expect") == 0 && qstrnicmp(value.data(), value.size(), "100-continue") == 0)
        m_expectsContinue = true;
}

std::optional<Rejection> RequestFraming::headersDone()
{
    if (m_chunked && m_contentLength >= 0)
        return badRequest(QStringLiteral("a request must not have both Content-Length and Transfer-Encoding"));
    if (m_chunked) {
        m_bodyBytes = 0;
        m_state = State::ChunkSize;
        return std::nullopt;
    }
    if (m_contentLength > m_limits.maxBodyBytes)
        return Rejection{413, QStringLiteral("payload_too_large"),
                         QStringLiteral("request body is larger than the limit of %1 bytes").arg(m_limits.maxBodyBytes)};
    if (m_contentLength > 0) {
        m_remaining = m_contentLength;
        m_state = State::Body;
    } else {
        m_state = State::BetweenRequests;
    }
    return std::nullopt;
}

std::optional<Rejection> RequestFraming::chunkSize(QByteArrayView line)
{
    const qsizetype extension = line.indexOf(';');
    const QByteArrayView size = (extension < 0 ? line : line.first(extension)).trimmed();
    bool ok = size.size() <= 15 && !size.isEmpty();
    const qint64 value = ok ? size.toLongLong(&ok, 16) : 0;
    if (!ok || value < 0)
        return badRequest(QStringLiteral("malformed chunked body: bad chunk size"));
    if (value == 0) {
        m_state = State::Trailers;
        return std::nullopt;
    }
    m_bodyBytes += value;
    if (m_bodyBytes > m_limits.maxBodyBytes)
        return Rejection{413, QStringLiteral("payload_too_large"),
                         QStringLiteral("request body is larger than the limit of %1 bytes").arg(m_limits.maxBodyBytes)};
    m_remaining = value;
    m_state = State::ChunkData;
    return std::nullopt;
}

qsizetype RequestFraming::expectCrlf(char byte, const QString &complaint, Result &result)
{
    // Exactly CRLF, nothing else: QtHttpServer reads two bytes here whatever they are.
    const char expected = m_line.isEmpty() ? '\r' : '\n';
    if (byte != expected) {
        result.rejection = badRequest(complaint);
        return 0;
    }
    if (expected == '\r') {
        m_line = "\r";
        return 1;
    }
    m_line.clear();
    if (m_state == State::Trailers)
        finishRequest(result);
    else
        m_state = State::ChunkSize;
    return 1;
}

void RequestFraming::finishRequest(Result &result)
{
    ++result.completed;
    m_state = State::BetweenRequests;
    if (m_closes) {
        result.closingRequest = result.completed;
        m_state = State::Closed;
    }
}
