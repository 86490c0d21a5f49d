#include "HttpSender.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <utility>
#include <unordered_map>
#include <vector>

namespace {

constexpr qsizetype kKeptBodyBytes = 4096;
constexpr qint64 kMaxBodyBytes = 1024 * 1024;
constexpr qint64 kMaxConnectTimeoutMs = 5000;
constexpr size_t kMaxPooledHandles = 32;

bool initCurlOnce()
{
    // curl_global_init is not thread-safe itself; a function-local static makes it run once.
    static const bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ok;
}

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

struct HttpSender::Private
{
    struct Transfer
    {
        Handle handle = 0;
        CURL *easy = nullptr;
        curl_slist *headers = nullptr;
        Callback callback;
        const AddressGuard *guard = nullptr;
        QByteArray requestBody; // curl reads the body from here without copying it
        QString host;
        qint64 timeoutMs = 0;
        qint64 connectTimeoutMs = 0;
        QElapsedTimer clock;
        QByteArray body;
        qint64 bodyReceived = 0;
        bool bodyCapped = false;
        std::optional<QByteArray> retryAfter;
        QString refusal;
        int socketsOpened = 0;
        char errorBuffer[CURL_ERROR_SIZE] = {};
    };
    struct SocketWatch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };
    struct Finished
    {
        Handle handle;
        OutboundResult result;
    };

    Private(HttpSender *owner, const AddressGuard &addressGuard);
    ~Private();

    QString start(Transfer &transfer, const OutboundRequest &request);
    void configure(Transfer &transfer, const OutboundRequest &request);
    void failLater(Transfer &transfer, const QString &error);
    void detach(Transfer &transfer);
    CURL *acquireEasy();
    void releaseEasy(CURL *easy);

    void watchSocket(curl_socket_t socket, int what);
    void setWanted(QSocketNotifier *&notifier, curl_socket_t socket, QSocketNotifier::Type type,
                   bool wanted);
    void unwatch(curl_socket_t socket);
    void socketAction(curl_socket_t socket, int events);
    void completeFinished();
    void deliver(std::vector<Finished> finished);

    static int socketCallback(CURL *, curl_socket_t socket, int what, void *userp, void *);
    static int timerCallback(CURLM *, long timeoutMs, void *userp);
    static size_t writeCallback(char *data, size_t size, size_t count, void *userp);
    static size_t headerCallback(char *data, size_t size, size_t count, void *userp);
    static curl_socket_t openSocketCallback(void *userp, curlsocktype, curl_sockaddr *address);
    static OutboundResult resultOf(const Transfer &transfer, CURLcode code);
    static QString describeError(const Transfer &transfer, CURLcode code);
    static QString timeoutMessage(const Transfer &transfer);

    HttpSender *q;
    AddressGuard guard;
    CURLM *multi = nullptr;
    QTimer timer;
    std::unordered_map<Handle, std::unique_ptr<Transfer>> transfers;
    QHash<curl_socket_t, SocketWatch> sockets;
    std::vector<CURL *> pool;
    Handle nextHandle = 1;
};

int HttpSender::Private::socketCallback(CURL *, curl_socket_t socket, int what, void *userp, void *)
{
    static_cast<Private *>(userp)->watchSocket(socket, what);
    return 0;
}

int HttpSender::Private::timerCallback(CURLM *, long timeoutMs, void *userp)
{
    // curl must not be re-entered from here, so even "now" goes through the event loop.
    QTimer &timer = static_cast<Private *>(userp)->timer;
    if (timeoutMs < 0)
        timer.stop();
    else
        timer.start(int(std::min<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

size_t HttpSender::Private::writeCallback(char *data, size_t size, size_t count, void *userp)
{
    auto *transfer = static_cast<Transfer *>(userp);
    const size_t length = size * count;
    transfer->bodyReceived += qint64(length);
    const qsizetype room = kKeptBodyBytes - transfer->body.size();
    if (room > 0)
        transfer->body.append(data, std::min(room, qsizetype(length)));
    if (transfer->bodyReceived > kMaxBodyBytes) {
        // Returning short makes curl stop with CURLE_WRITE_ERROR; the status is still valid.
        transfer->bodyCapped = true;
        return 0;
    }
    return length;
}

size_t HttpSender::Private::headerCallback(char *data, size_t size, size_t count, void *userp)
{
    auto *transfer = static_cast<Transfer *>(userp);
    const size_t length = size * count;
    const QByteArray line = QByteArray(data, qsizetype(length)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new response begins (after a 1xx): only the final one's headers count.
        transfer->retryAfter.reset();
        return length;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0 && line.left(colon).trimmed().compare("retry-after", Qt::CaseInsensitive) == 0)
        transfer->retryAfter = line.mid(colon + 1).trimmed();
    return length;
}

// Runs after DNS, right before connect: the only place where a rebinding name cannot cheat.
curl_socket_t HttpSender::Private::openSocketCallback(void *userp, curlsocktype, curl_sockaddr *address)
{
    auto *transfer = static_cast<Transfer *>(userp);
    const QHostAddress peer(&address->addr);
    if (const std::optional<QString> reason = transfer->guard->refusalReason(peer)) {
        if (transfer->refusal.isEmpty())
            transfer->refusal = *reason;
        return CURL_SOCKET_BAD;
    }
    const curl_socket_t socket =
        ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (socket != CURL_SOCKET_BAD)
        ++transfer->socketsOpened;
    return socket;
}

HttpSender::Private::Private(HttpSender *owner, const AddressGuard &addressGuard)
    : q(owner), guard(addressGuard)
{
    initCurlOnce();
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, socketCallback);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, timerCallback);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer); // deadlines of a few hundred ms should not drift by 5%
    QObject::connect(&timer, &QTimer::timeout, q, [this] { socketAction(CURL_SOCKET_TIMEOUT, 0); });
}

HttpSender::Private::~Private()
{
    // Detaching may call back into watchSocket/timerCallback, so members must still be alive.
    for (auto &entry : transfers)
        detach(*entry.second);
    transfers.clear();
    for (CURL *easy : pool)
        curl_easy_cleanup(easy);
    curl_multi_cleanup(multi);
    for (const SocketWatch &watch : std::as_const(sockets)) {
        delete watch.read;
        delete watch.write;
    }
}

QString HttpSender::Private::start(Transfer &transfer, const OutboundRequest &request)
{
    // The URL is not quoted in errors: its query may carry a receiver's secret token.
    const QString scheme = request.url.scheme().toLower();
    if (!request.url.isValid() || request.url.host().isEmpty())
        return QStringLiteral("invalid URL");
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return QStringLiteral("unsupported URL scheme \"%1\" (only http and https)").arg(scheme);
    if (!multi)
        return QStringLiteral("could not initialise libcurl");
    transfer.easy = acquireEasy();
    if (!transfer.easy)
        return QStringLiteral("could not initialise libcurl");
    configure(transfer, request);
    const CURLMcode added = curl_multi_add_handle(multi, transfer.easy);
    if (added != CURLM_OK)
        return QStringLiteral("could not start the request: %1")
            .arg(QString::fromUtf8(curl_multi_strerror(added)));
    return {};
}

void HttpSender::Private::configure(Transfer &transfer, const OutboundRequest &request)
{
    CURL *easy = transfer.easy;
    transfer.guard = &guard;
    transfer.host = request.url.host();
    transfer.timeoutMs = std::max<qint64>(1, request.timeoutMs);
    transfer.connectTimeoutMs = std::min(kMaxConnectTimeoutMs, transfer.timeoutMs);
    transfer.requestBody = request.body;
    for (const auto &[name, value] : request.headers) {
        if (!isSafeHeader(name, value))
            continue;
        // curl drops "Name:" with an empty value; "Name;" is its way to send it empty.
        const QByteArray line = value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value);
        transfer.headers = curl_slist_append(transfer.headers, line.constData());
    }
    transfer.headers = curl_slist_append(transfer.headers, "Expect:");

    const QByteArray url = request.url.toEncoded();
    curl_easy_setopt(easy, CURLOPT_URL, url.constData());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    // A proxy would be the address the guard sees, which would defeat it.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(transfer.timeoutMs));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(transfer.connectTimeoutMs));
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(transfer.requestBody.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, transfer.requestBody.constData());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, writeCallback);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, headerCallback);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, openSocketCallback);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, &transfer);
}

void HttpSender::Private::failLater(Transfer &transfer, const QString &error)
{
    detach(transfer);
    OutboundResult result;
    result.error = error;
    result.durationMs = transfer.clock.elapsed();
    const Handle handle = transfer.handle;
    QTimer::singleShot(0, q, [this, handle, result] { deliver({Finished{handle, result}}); });
}

void HttpSender::Private::detach(Transfer &transfer)
{
    if (transfer.easy) {
        curl_multi_remove_handle(multi, transfer.easy);
        releaseEasy(transfer.easy);
        transfer.easy = nullptr;
    }
    curl_slist_free_all(transfer.headers);
    transfer.headers = nullptr;
}

CURL *HttpSender::Private::acquireEasy()
{
    if (pool.empty())
        return curl_easy_init();
    CURL *easy = pool.back();
    pool.pop_back();
    return easy;
}

void HttpSender::Private::releaseEasy(CURL *easy)
{
    if (pool.size() >= kMaxPooledHandles) {
        curl_easy_cleanup(easy);
        return;
    }
    curl_easy_reset(easy);
    pool.push_back(easy);
}

void HttpSender::Private::watchSocket(curl_socket_t socket, int what)
{
    if (what == CURL_POLL_REMOVE) {
        unwatch(socket);
        return;
    }
    SocketWatch &watch = sockets[socket];
    setWanted(watch.read, socket, QSocketNotifier::Read, what == CURL_POLL_IN || what == CURL_POLL_INOUT);
    setWanted(watch.write, socket, QSocketNotifier::Write,
              what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
}

void HttpSender::Private::setWanted(QSocketNotifier *&notifier, curl_socket_t socket,
                                    QSocketNotifier::Type type, bool wanted)
{
    if (!notifier) {
        if (!wanted)
            return;
        notifier = new QSocketNotifier(socket, type, q);
        const int events = type == QSocketNotifier::Read ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
        QObject::connect(notifier, &QSocketNotifier::activated, q,
                         [this, socket, events] { socketAction(socket, events); });
    }
    notifier->setEnabled(wanted);
}

void HttpSender::Private::unwatch(curl_socket_t socket)
{
    const auto it = sockets.constFind(socket);
    if (it == sockets.cend())
        return;
    // curl may call this from inside a notifier's own activation: delete later, not now.
    for (QSocketNotifier *notifier : {it->read, it->write}) {
        if (!notifier)
            continue;
        notifier->setEnabled(false);
        QObject::disconnect(notifier, nullptr, q, nullptr);
        notifier->deleteLater();
    }
    sockets.erase(it);
}

void HttpSender::Private::socketAction(curl_socket_t socket, int events)
{
    int running = 0;
    curl_multi_socket_action(multi, socket, events, &running);
    completeFinished();
}

void HttpSender::Private::completeFinished()
{
    // Results are collected before any callback runs: callbacks may send, abort or delete us.
    std::vector<Finished> finished;
    int queued = 0;
    while (CURLMsg *message = curl_multi_info_read(multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle;
        const CURLcode code = message->data.result;
        char *privateData = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &privateData);
        auto *transfer = reinterpret_cast<Transfer *>(privateData);
        finished.push_back({transfer->handle, resultOf(*transfer, code)});
        detach(*transfer);
    }
    if (!finished.empty())
        deliver(std::move(finished));
}

void HttpSender::Private::deliver(std::vector<Finished> finished)
{
    const QPointer<HttpSender> alive(q);
    for (Finished &done : finished) {
        if (!alive)
            return;
        const auto it = transfers.find(done.handle);
        if (it == transfers.end())
            continue; // aborted by an earlier callback
        Callback callback = std::move(it->second->callback);
        transfers.erase(it);
        if (callback)
            callback(done.result);
    }
}

OutboundResult HttpSender::Private::resultOf(const Transfer &transfer, CURLcode code)
{
    OutboundResult result;
    result.durationMs = transfer.clock.elapsed();
    long status = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
    const bool answered = code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.bodyCapped);
    if (answered && status > 0) {
        result.httpStatus = int(status);
        result.body = transfer.body;
        result.retryAfter = transfer.retryAfter;
        return result;
    }
    result.error = answered ? QStringLiteral("no HTTP status in the response") : describeError(transfer, code);
    return result;
}

QString HttpSender::Private::describeError(const Transfer &transfer, CURLcode code)
{
    // Refused by the guard before any socket opened: that, not curl's "couldn't connect", is the story.
    if (!transfer.refusal.isEmpty() && transfer.socketsOpened == 0)
        return transfer.refusal;
    const QString detail = transfer.errorBuffer[0] != '\0'
                               ? QString::fromUtf8(transfer.errorBuffer).trimmed()
                               : QString::fromUtf8(curl_easy_strerror(code));
    long osErrno = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_OS_ERRNO, &osErrno);
    const bool reset = osErrno == ECONNRESET || osErrno == EPIPE;
    if (isTlsError(code))
        return QStringLiteral("TLS error: ") + detail;
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        return osErrno == ECONNREFUSED ? QStringLiteral("connection refused")
                                       : QStringLiteral("could not connect: ") + detail;
    case CURLE_COULDNT_RESOLVE_HOST:
        return QStringLiteral("could not resolve host ") + transfer.host;
    case CURLE_OPERATION_TIMEDOUT:
        return timeoutMessage(transfer);
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

QString HttpSender::Private::timeoutMessage(const Transfer &transfer)
{
    curl_off_t connectTime = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_CONNECT_TIME_T, &connectTime);
    if (connectTime == 0 && transfer.connectTimeoutMs < transfer.timeoutMs)
        return QStringLiteral("connection timed out after %1 ms").arg(transfer.connectTimeoutMs);
    return QStringLiteral("timed out after %1 ms").arg(transfer.timeoutMs);
}

HttpSender::HttpSender(AddressGuard guard, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, guard))
{
}

HttpSender::~HttpSender() = default;

HttpSender::Handle HttpSender::send(const OutboundRequest &request, Callback callback)
{
    auto transfer = std::make_unique<Private::Transfer>();
    transfer->clock.start();
    transfer->handle = d->nextHandle++;
    transfer->callback = std::move(callback);
    Private::Transfer &started = *transfer;
    d->transfers.emplace(started.handle, std::move(transfer));
    if (const QString problem = d->start(started, request); !problem.isEmpty())
        d->failLater(started, problem);
    return started.handle;
}

void HttpSender::abort(Handle handle)
{
    const auto it = d->transfers.find(handle);
    if (it == d->transfers.end())
        return;
    const std::unique_ptr<Private::Transfer> transfer = std::move(it->second);
    d->transfers.erase(it);
    d->detach(*transfer);
}

int HttpSender::inFlight() const
{
    return int(d->transfers.size());
}
