#include "CurlTransfer.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace {

constexpr qsizetype kKeptBodyBytes = 4096;
constexpr qint64 kMaxBodyBytes = 1024 * 1024;
constexpr qint64 kMaxConnectTimeoutMs = 5000;

bool isTlsError(CURLcode code)
{
    switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return true;
    default:
        return false;
    }
}

// A header that would split into several lines could smuggle extra headers into the request.
bool isSafeHeader(const QByteArray &name, const QByteArray &value)
{
    const auto breaksLine = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
    const auto breaksName = [&](char c) { return breaksLine(c) || c == ':' || c == ' ' || c == '\t'; };
    return !name.isEmpty() && std::none_of(name.cbegin(), name.cend(), breaksName)
           && std::none_of(value.cbegin(), value.cend(), breaksLine);
}

} // namespace

CurlTransfer::Target CurlTransfer::targetOf(const QUrl &url)
{
    // The URL is not quoted in errors: its query may carry a receiver's secret token.
    Target target;
    target.url = url;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        target.problem = QStringLiteral("invalid URL");
    else if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        target.problem = QStringLiteral("unsupported URL scheme \"%1\" (only http and https)").arg(scheme);
    target.encoded = url.toEncoded();
    target.host = url.host();
    return target;
}

CurlTransfer::CurlTransfer(quint64 id, const AddressGuard &guard, QElapsedTimer clock, const OutboundRequest &request,
                           const Target &target)
    : m_id(id)
    , m_guard(guard)
    , m_clock(clock)
    , m_lane(request.lane)
    , m_laneLimit(request.laneLimit)
    , m_problem(target.problem)
{
    if (!m_problem.isEmpty())
        return;
    m_url = target.encoded;
    m_host = target.host;
    m_timeoutMs = std::max<qint64>(1, request.timeoutMs);
    m_connectTimeoutMs = std::min(kMaxConnectTimeoutMs, m_timeoutMs);
    m_requestBody = request.body;
    std::vector<qsizetype> starts;
    starts.reserve(request.headers.size() + 1);
    // Sized once: grown line by line, the text was reallocated five times per request.
    qsizetype textSize = sizeof("Expect:");
    for (const auto &[name, value] : request.headers)
        textSize += name.size() + value.size() + 3;
    m_headerText.reserve(textSize);
    for (const auto &[name, value] : request.headers) {
        if (!isSafeHeader(name, value))
            continue;
        starts.push_back(m_headerText.size());
        // curl drops "Name:" with an empty value; "Name;" is its way to send it empty.
        m_headerText.append(name).append(value.isEmpty() ? QByteArrayView(";") : QByteArrayView(": ")).append(value);
        m_headerText.append('\0');
    }
    starts.push_back(m_headerText.size());
    m_headerText.append("Expect:");
    m_headerText.append('\0');
    // Pointers into the text are taken once it is complete: appending may have moved it.
    m_headers.resize(starts.size());
    for (size_t i = 0; i < starts.size(); ++i) {
        m_headers[i].data = m_headerText.data() + starts[i];
        m_headers[i].next = i + 1 < starts.size() ? &m_headers[i + 1] : nullptr;
    }
}

CurlTransfer::~CurlTransfer() = default;

CurlTransfer *CurlTransfer::of(CURL *easy)
{
    char *self = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &self);
    return reinterpret_cast<CurlTransfer *>(self);
}

void CurlTransfer::setUpHandle(CURL *easy)
{
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    // A proxy would be the address the guard sees, which would defeat it.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, onOpenSocket);
}

void CurlTransfer::attach(CURL *easy)
{
    // Everything that differs between transfers is set again, so a handle needs no reset.
    m_easy = easy;
    m_waitedMs = m_clock.restart();
    curl_easy_setopt(easy, CURLOPT_URL, m_url.constData());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(m_timeoutMs));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(m_connectTimeoutMs));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_requestBody.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, m_requestBody.constData());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, m_headers.data());
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
}

CURL *CurlTransfer::takeEasy()
{
    return std::exchange(m_easy, nullptr);
}

size_t CurlTransfer::onBody(char *data, size_t size, size_t count, void *self)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    const size_t length = size * count;
    transfer->m_bodyReceived += qint64(length);
    const qsizetype room = kKeptBodyBytes - transfer->m_body.size();
    if (room > 0)
        transfer->m_body.append(data, std::min(room, qsizetype(length)));
    if (transfer->m_bodyReceived > kMaxBodyBytes) {
        // Returning short makes curl stop with CURLE_WRITE_ERROR; the status is still valid.
        transfer->m_bodyCapped = true;
        return 0;
    }
    return length;
}

size_t CurlTransfer::onHeader(char *data, size_t size, size_t count, void *self)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    const size_t length = size * count;
    // Views, not copies: this runs for every header line of every answer, on the transfer thread.
    const QByteArrayView line = QByteArrayView(data, qsizetype(length)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new response begins (after a 1xx): only the final one's headers count.
        transfer->m_retryAfter.reset();
        return length;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0 && line.first(colon).trimmed().compare("retry-after", Qt::CaseInsensitive) == 0)
        transfer->m_retryAfter = line.sliced(colon + 1).trimmed().toByteArray();
    return length;
}

// Runs after DNS, right before connect: the only place where a rebinding name cannot cheat.
curl_socket_t CurlTransfer::onOpenSocket(void *self, curlsocktype, curl_sockaddr *address)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    const QHostAddress peer(&address->addr);
    if (const std::optional<QString> reason = transfer->m_guard.refusalReason(peer)) {
        if (transfer->m_refusal.isEmpty())
            transfer->m_refusal = *reason;
        return CURL_SOCKET_BAD;
    }
    const curl_socket_t socket = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (socket != CURL_SOCKET_BAD)
        ++transfer->m_socketsOpened;
    return socket;
}

OutboundResult CurlTransfer::failure(const QString &error) const
{
    OutboundResult result;
    result.error = error;
    result.durationMs = m_clock.elapsed();
    result.waitedMs = m_waitedMs;
    return result;
}

OutboundResult CurlTransfer::result(CURLcode code) const
{
    long status = 0;
    curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
    const bool answered = code == CURLE_OK || (code == CURLE_WRITE_ERROR && m_bodyCapped);
    if (!answered || status <= 0)
        return failure(answered ? QStringLiteral("no HTTP status in the response") : describe(code));
    OutboundResult result;
    result.durationMs = m_clock.elapsed();
    result.waitedMs = m_waitedMs;
    result.httpStatus = int(status);
    result.body = m_body;
    result.retryAfter = m_retryAfter;
    return result;
}

QString CurlTransfer::describe(CURLcode code) const
{
    // Refused by the guard before any socket opened: that, not curl's "couldn't connect", is the story.
    if (!m_refusal.isEmpty() && m_socketsOpened == 0)
        return m_refusal;
    const QString detail = m_errorBuffer[0] != '\0' ? QString::fromUtf8(m_errorBuffer).trimmed()
                                                    : QString::fromUtf8(curl_easy_strerror(code));
    long osErrno = 0;
    curl_easy_getinfo(m_easy, CURLINFO_OS_ERRNO, &osErrno);
    const bool reset = osErrno == ECONNRESET || osErrno == EPIPE;
    if (isTlsError(code))
        return QStringLiteral("TLS error: ") + detail;
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        return osErrno == ECONNREFUSED ? QStringLiteral("connection refused")
                                       : QStringLiteral("could not connect: ") + detail;
    case CURLE_COULDNT_RESOLVE_HOST:
        return QStringLiteral("could not resolve host ") + m_host;
    case CURLE_OPERATION_TIMEDOUT:
        return timeoutMessage();
    case CURLE_RECV_ERROR:
        return reset ? QStringLiteral("connection reset by peer") : QStringLiteral("receive failure: ") + detail;
    case CURLE_SEND_ERROR:
        return reset ? QStringLiteral("connection reset by peer") : QStringLiteral("send failure: ") + detail;
    case CURLE_GOT_NOTHING:
        return QStringLiteral("connection closed without a response");
    case CURLE_PARTIAL_FILE:
        return QStringLiteral("response cut short: ") + detail;
    case CURLE_WEIRD_SERVER_REPLY:
        return QStringLiteral("invalid HTTP response: ") + detail;
    default:
        return detail;
    }
}

QString CurlTransfer::timeoutMessage() const
{
    curl_off_t connectTime = 0;
    curl_easy_getinfo(m_easy, CURLINFO_CONNECT_TIME_T, &connectTime);
    if (connectTime == 0 && m_connectTimeoutMs < m_timeoutMs)
        return QStringLiteral("connection timed out after %1 ms").arg(m_connectTimeoutMs);
    return QStringLiteral("timed out after %1 ms").arg(m_timeoutMs);
}
