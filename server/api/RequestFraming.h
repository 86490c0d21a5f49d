#pragma once

#include "HttpLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

// Follows the byte stream of an HTTP/1.1 connection (request line, headers, a body framed by
// Content-Length or chunked encoding, then the next request) without keeping it, so limits are
// checked on bytes before QtHttpServer buffers them. Stricter than QtHttpServer's parser: it
// refuses every request line and header block that parser refuses (a header block Qt refuses
// loses its Content-Length there, and the body would be parsed as the next request), so whatever
// passes here is framed the same way by it. fuzz_framingagreement checks that on Qt itself.
class RequestFraming
{
public:
    struct Rejection
    {
        int status = 400;
        QString code;
        QString message;
    };
    struct Result
    {
        std::optional<Rejection> rejection; // stop feeding after one
        int completed = 0;                  // requests whose last byte was in this feed
        // 1-based among `completed`: the request after which the connection closes (Connection:
        // close, HTTP/1.0); 0 if none. The framing ignores every byte after it.
        int closingRequest = 0;
        // A request's headers ended in this feed with "Expect: 100-continue" and its body is due.
        bool continueExpected = false;
    };

    explicit RequestFraming(const HttpLimits &limits);

    Result feed(QByteArrayView bytes);
    // Some bytes of a request arrived and its last byte has not.
    bool inRequest() const { return m_state != State::BetweenRequests && m_state != State::Closed; }
    // HTTP/1.1 allows at most this much in one header field (name, colon and value), like Qt.
    static constexpr qsizetype kMaxFieldBytes = 8 * 1024;

private:
    enum class State { BetweenRequests, RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Closed };

    qsizetype step(QByteArrayView bytes, Result &result);
    qsizetype takeLine(QByteArrayView bytes, qint64 limit, bool *complete);
    std::optional<Rejection> lineDone();
    std::optional<Rejection> requestLine(QByteArrayView line);
    std::optional<Rejection> headerLine(QByteArrayView line);
    void connectionOptions(QByteArrayView name, QByteArrayView value);
    std::optional<Rejection> headersDone();
    std::optional<Rejection> chunkSize(QByteArrayView line);
    std::optional<Rejection> lineTooLong() const;
    qsizetype expectCrlf(char byte, const QString &complaint, Result &result);
    void finishRequest(Result &result);

    HttpLimits m_limits;
    State m_state = State::BetweenRequests;
    QByteArray m_line;
    qint64 m_headerBytes = 0;
    int m_headerCount = 0;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_closes = false;         // the connection ends after this request
    bool m_expectsContinue = false;
    qint64 m_remaining = 0; // body or chunk bytes still to come
    qint64 m_bodyBytes = 0; // chunked: declared so far
};
