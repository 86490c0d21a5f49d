#include "TransferThread.h"

#include <QtGlobal>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace {

constexpr size_t kMaxPooledHandles = 128;
// curl's default cache keeps 4 connections per transfer running at that moment, a count that
// swings with every finished request, so idle keep-alive connections were closed and opened
// again all the time. Keep enough for every transfer the dispatcher may run at once.
constexpr long kMaxCachedConnections = 512;
constexpr int kMaxEvents = 64;

using Clock = std::chrono::steady_clock;

bool initCurlOnce()
{
    // curl_global_init is not thread-safe itself; a function-local static makes it run once.
    static const bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ok;
}

} // namespace

struct TransferThread::Private
{

    Private(AddressGuard addressGuard, std::function<void()> ready);
    ~Private();

    void run();
    bool takeWork();
    void begin(std::unique_ptr<CurlTransfer> transfer);
    bool launch(std::unique_ptr<CurlTransfer> &transfer);
    void retire(std::unordered_map<Id, std::unique_ptr<CurlTransfer>>::iterator running);
    void startWaiting(const QString &lane);
    void withdrawWaiting(const QString &lane, Id before);
    void drop(Id id);
    void collectFinished();
    void publish(Finished finished);
    void handOver();
    void wakeUp() const;
    // Adds work for the thread under the mutex, and wakes it if it had none waiting.
    template <typename Add>
    void post(Add add);
    int waitMs() const;

    void watch(curl_socket_t socket, int what);
    static int onSocket(CURL *, curl_socket_t socket, int what, void *self, void *);
    static int onTimer(CURLM *, long timeoutMs, void *self);
    CURL *acquireEasy();
    void releaseEasy(CURL *easy);

    const AddressGuard guard;
    const std::function<void()> resultsReady;

    // Shared with the other threads, under mutex.
    std::mutex mutex;
    std::vector<std::unique_ptr<CurlTransfer>> inbox;
    std::vector<Id> aborts;
    std::vector<std::pair<QString, int>> laneLimits;
    std::vector<std::pair<QString, Id>> withdrawals; // lane, and the first id submitted after
    std::vector<Finished> outbox;
    bool stopping = false;

    // The transfer thread's own.
    std::vector<Finished> finishedNow; // in this turn of the loop, handed over at its end
    int wakeFd = -1;
    int epollFd = -1;
    CURLM *multi = nullptr;
    std::unordered_map<Id, std::unique_ptr<CurlTransfer>> transfers;
    struct Lane
    {
        int limit = 0;
        int running = 0;
        std::deque<std::unique_ptr<CurlTransfer>> waiting;
    };
    std::unordered_map<QString, Lane> lanes; // only those with transfers running or waiting
    std::unordered_set<curl_socket_t> watched;
    std::vector<CURL *> pool;
    std::optional<Clock::time_point> curlDeadline;
    std::thread thread;
};

TransferThread::Private::Private(AddressGuard addressGuard, std::function<void()> ready)
    : guard(addressGuard)
    , resultsReady(std::move(ready))
{
    initCurlOnce();
    wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epollFd = epoll_create1(EPOLL_CLOEXEC);
    if (wakeFd < 0 || epollFd < 0)
        qFatal("cannot create the delivery thread's event descriptors");
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = wakeFd;
    epoll_ctl(epollFd, EPOLL_CTL_ADD, wakeFd, &event);
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, onSocket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, onTimer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, kMaxCachedConnections);
    thread = std::thread([this] { run(); });
}

TransferThread::Private::~Private()
{
    {
        const std::lock_guard lock(mutex);
        stopping = true;
    }
    wakeUp();
    thread.join();
    for (auto &entry : transfers) {
        curl_multi_remove_handle(multi, entry.second->easy());
        curl_easy_cleanup(entry.second->takeEasy());
    }
    transfers.clear();
    for (CURL *easy : pool)
        curl_easy_cleanup(easy);
    curl_multi_cleanup(multi);
    ::close(epollFd);
    ::close(wakeFd);
}

void TransferThread::Private::wakeUp() const
{
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wakeFd, &one, sizeof one);
}

template <typename Add>
void TransferThread::Private::post(Add add)
{
    bool first = false;
    {
        const std::lock_guard lock(mutex);
        first = inbox.empty() && aborts.empty() && laneLimits.empty() && withdrawals.empty();
        add();
    }
    if (first)
        wakeUp();
}

void TransferThread::Private::run()
{
    epoll_event events[kMaxEvents];
    for (;;) {
        const int ready = epoll_wait(epollFd, events, kMaxEvents, waitMs());
        bool woken = false;
        int running = 0;
        for (int i = 0; i < ready; ++i) {
            if (events[i].data.fd == wakeFd) {
                woken = true;
                continue;
            }
            const uint32_t happened = events[i].events;
            const int mask = ((happened & EPOLLIN) ? CURL_CSELECT_IN : 0) | ((happened & EPOLLOUT) ? CURL_CSELECT_OUT : 0)
                             | ((happened & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
            curl_multi_socket_action(multi, events[i].data.fd, mask, &running);
        }
        if (curlDeadline && Clock::now() >= *curlDeadline) {
            curlDeadline.reset();
            curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        }
        if (woken && !takeWork())
            return;
        collectFinished();
        handOver();
    }
}

int TransferThread::Private::waitMs() const
{
    if (!curlDeadline)
        return -1;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(*curlDeadline - Clock::now()).count();
    return int(std::clamp<qint64>(left, 0, std::numeric_limits<int>::max()));
}

// Starts what was submitted and drops what was aborted; false once the thread should end.
bool TransferThread::Private::takeWork()
{
    quint64 count = 0;
    [[maybe_unused]] const ssize_t read = ::read(wakeFd, &count, sizeof count);
    std::vector<std::unique_ptr<CurlTransfer>> started;
    std::vector<Id> aborted;
    std::vector<std::pair<QString, int>> limits;
    std::vector<std::pair<QString, Id>> withdrawn;
    {
        const std::lock_guard lock(mutex);
        if (stopping)
            return false;
        started.swap(inbox);
        aborted.swap(aborts);
        limits.swap(laneLimits);
        withdrawn.swap(withdrawals);
    }
    // In this order: a transfer carries the lane limit of when it was submitted, a later limit
    // overrides it, and a withdrawal reaches every transfer submitted before it.
    for (auto &transfer : started)
        begin(std::move(transfer));
    for (const auto &[lane, limit] : limits) {
        const auto it = lanes.find(lane);
        if (it != lanes.end()) {
            it->second.limit = limit;
            startWaiting(lane);
        }
    }
    for (const auto &[lane, before] : withdrawn)
        withdrawWaiting(lane, before);
    for (const Id id : aborted)
        drop(id);
    return true;
}

// A transfer of a lane at its limit waits here, and starts on this thread as soon as one of the
// lane's transfers ends: a freed slot is refilled without a round trip to the submitting thread,
// which may be busy with the database for a millisecond at a time.
void TransferThread::Private::begin(std::unique_ptr<CurlTransfer> transfer)
{
    if (!transfer->problem().isEmpty()) {
        publish({transfer->id(), transfer->failure(transfer->problem())});
        return;
    }
    if (transfer->laneLimit() <= 0) {
        launch(transfer);
        return;
    }
    const QString lane = transfer->lane();
    Lane &state = lanes[lane];
    state.limit = transfer->laneLimit();
    state.waiting.push_back(std::move(transfer));
    startWaiting(lane);
}

void TransferThread::Private::startWaiting(const QString &lane)
{
    const auto it = lanes.find(lane);
    if (it == lanes.end())
        return;
    Lane &state = it->second;
    while (state.running < state.limit && !state.waiting.empty()) {
        std::unique_ptr<CurlTransfer> next = std::move(state.waiting.front());
        state.waiting.pop_front();
        if (launch(next))
            ++state.running;
    }
    if (state.running == 0 && state.waiting.empty())
        lanes.erase(it); // only lanes with transfers are kept
}

void TransferThread::Private::withdrawWaiting(const QString &lane, Id before)
{
    const auto it = lanes.find(lane);
    if (it == lanes.end())
        return;
    auto &waiting = it->second.waiting;
    const auto taken = std::stable_partition(waiting.begin(), waiting.end(),
                                             [before](const auto &transfer) { return transfer->id() >= before; });
    for (auto transfer = taken; transfer != waiting.end(); ++transfer) {
        OutboundResult result;
        result.withdrawn = true;
        result.error = QStringLiteral("withdrawn before it was sent");
        publish({(*transfer)->id(), result});
    }
    waiting.erase(taken, waiting.end());
    startWaiting(lane);
}

// Takes a running transfer off curl, returns its handle to the pool, forgets it, and gives its
// lane's slot to the next waiting transfer.
void TransferThread::Private::retire(std::unordered_map<Id, std::unique_ptr<CurlTransfer>>::iterator running)
{
    const std::unique_ptr<CurlTransfer> transfer = std::move(running->second);
    transfers.erase(running);
    curl_multi_remove_handle(multi, transfer->easy());
    releaseEasy(transfer->takeEasy());
    if (transfer->laneLimit() <= 0)
        return;
    const auto lane = lanes.find(transfer->lane());
    if (lane != lanes.end()) {
        --lane->second.running;
        startWaiting(transfer->lane());
    }
}

// Hands the transfer to curl; false (and its failure published) if that did not work.
bool TransferThread::Private::launch(std::unique_ptr<CurlTransfer> &transfer)
{
    QString problem;
    CURL *easy = acquireEasy();
    if (easy) {
        transfer->attach(easy);
        const CURLMcode added = curl_multi_add_handle(multi, easy);
        if (added == CURLM_OK) {
            const Id id = transfer->id();
            transfers.emplace(id, std::move(transfer));
            return true;
        }
        problem = QStringLiteral("could not start the request: %1").arg(QString::fromUtf8(curl_multi_strerror(added)));
        releaseEasy(transfer->takeEasy());
    } else {
        problem = QStringLiteral("could not initialise libcurl");
    }
    publish({transfer->id(), transfer->failure(problem)});
    return false;
}

void TransferThread::Private::drop(Id id)
{
    const auto it = transfers.find(id);
    if (it == transfers.end()) {
        for (auto lane = lanes.begin(); lane != lanes.end(); ++lane) {
            auto &waiting = lane->second.waiting;
            const auto found = std::find_if(waiting.begin(), waiting.end(),
                                            [id](const auto &transfer) { return transfer->id() == id; });
            if (found != waiting.end()) {
                waiting.erase(found);
                startWaiting(QString(lane->first)); // a copy: the lane may be erased there
                return;
            }
        }
        return; // finished already; its result is ignored by the owner
    }
    retire(it);
}

void TransferThread::Private::collectFinished()
{
    int queued = 0;
    while (CURLMsg *message = curl_multi_info_read(multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CurlTransfer *transfer = CurlTransfer::of(message->easy_handle);
        const CURLcode code = message->data.result;
        publish({transfer->id(), transfer->result(code)});
        retire(transfers.find(transfer->id()));
    }
}

void TransferThread::Private::publish(Finished finished)
{
    finishedNow.push_back(std::move(finished));
}

// Everything that finished in one turn goes over at once: each notice wakes the owner's thread,
// and waking it per result cost more than handling the result.
void TransferThread::Private::handOver()
{
    if (finishedNow.empty())
        return;
    bool first = false;
    {
        const std::lock_guard lock(mutex);
        first = outbox.empty();
        std::move(finishedNow.begin(), finishedNow.end(), std::back_inserter(outbox));
    }
    finishedNow.clear();
    // One notice per batch: the owner takes everything that is waiting when it gets to it.
    if (first)
        resultsReady();
}

int TransferThread::Private::onSocket(CURL *, curl_socket_t socket, int what, void *self, void *)
{
    static_cast<Private *>(self)->watch(socket, what);
    return 0;
}

void TransferThread::Private::watch(curl_socket_t socket, int what)
{
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(epollFd, EPOLL_CTL_DEL, socket, nullptr);
        watched.erase(socket);
        return;
    }
    epoll_event event{};
    event.events = ((what == CURL_POLL_IN || what == CURL_POLL_INOUT) ? EPOLLIN : 0u)
                   | ((what == CURL_POLL_OUT || what == CURL_POLL_INOUT) ? EPOLLOUT : 0u);
    event.data.fd = socket;
    // A descriptor closed without a REMOVE leaves epoll by itself, and its number may come back.
    const bool known = watched.count(socket) > 0;
    if (epoll_ctl(epollFd, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, socket, &event) != 0)
        epoll_ctl(epollFd, known ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, socket, &event);
    watched.insert(socket);
}

int TransferThread::Private::onTimer(CURLM *, long timeoutMs, void *self)
{
    // curl must not be re-entered from here: the loop acts on the deadline.
    auto *d = static_cast<Private *>(self);
    if (timeoutMs < 0)
        d->curlDeadline.reset();
    else
        d->curlDeadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    return 0;
}

CURL *TransferThread::Private::acquireEasy()
{
    if (pool.empty()) {
        CURL *easy = curl_easy_init();
        if (easy)
            CurlTransfer::setUpHandle(easy);
        return easy;
    }
    CURL *easy = pool.back();
    pool.pop_back();
    return easy;
}

void TransferThread::Private::releaseEasy(CURL *easy)
{
    if (pool.size() >= kMaxPooledHandles)
        curl_easy_cleanup(easy);
    else
        pool.push_back(easy);
}

TransferThread::TransferThread(AddressGuard guard, std::function<void()> resultsReady)
    : d(std::make_unique<Private>(guard, std::move(resultsReady)))
{
}

TransferThread::~TransferThread() = default;

void TransferThread::start(Id id, const OutboundRequest &request, const CurlTransfer::Target &target, QElapsedTimer clock)
{
    // Rendered here, on the submitting thread: the transfer thread has the less time to spare
    // (rendering there cost the drain 10% of its rate).
    auto transfer = std::make_unique<CurlTransfer>(id, d->guard, clock, request, target);
    d->post([&] { d->inbox.push_back(std::move(transfer)); });
}

void TransferThread::abort(Id id)
{
    d->post([&] { d->aborts.push_back(id); });
}

void TransferThread::setLaneLimit(const QString &lane, int limit)
{
    d->post([&] { d->laneLimits.emplace_back(lane, limit); });
}

void TransferThread::withdraw(const QString &lane, Id before)
{
    d->post([&] { d->withdrawals.emplace_back(lane, before); });
}

void TransferThread::takeFinished(std::vector<Finished> &finished)
{
    finished.clear();
    const std::lock_guard lock(d->mutex);
    finished.swap(d->outbox);
}
