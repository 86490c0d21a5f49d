#include "HttpSender.h"

#include "TransferThread.h"

#include <QPointer>

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace {
// Two transfer threads. With one, the drain of a backlog to one fast receiver left that thread
// waiting on the main thread or the receiver a third of the time; with two, one sends while the
// other waits (9-30% more deliveries per second in alternating runs on 2 cores). The second
// takes only what the first has no room for: spread thinly, the few requests of a steady
// publishing load gain nothing and cost wake-ups.
constexpr size_t kTransferThreads = 1;
constexpr int kRoomPerThread = 24;
} // namespace

struct HttpSender::Private
{
    struct Pending
    {
        Callback callback;
        size_t thread = 0;
    };
    std::unordered_map<Handle, Pending> pending; // what is in flight, from this thread's view
    Handle nextHandle = 1;
    std::vector<std::unique_ptr<TransferThread>> threads;
    std::vector<int> load = std::vector<int>(kTransferThreads); // in flight per thread
    std::vector<TransferThread::Finished> fromThread; // kept for its capacity
    std::vector<TransferThread::Finished> finished;
    CurlTransfer::Target lastTarget; // deliveries come in runs to one endpoint: encode its URL once

    // The first thread with room, else the least busy: one request at a time keeps to one
    // thread, and so to one keep-alive connection (one TLS handshake) per receiver.
    size_t threadForNext() const;
    // Forgets the request and returns what it was waiting for.
    Pending take(std::unordered_map<Handle, Pending>::iterator it);
};

size_t HttpSender::Private::threadForNext() const
{
    const auto room = std::find_if(load.cbegin(), load.cend(), [](int inFlight) { return inFlight < kRoomPerThread; });
    return size_t((room != load.cend() ? room : std::min_element(load.cbegin(), load.cend())) - load.cbegin());
}

HttpSender::Private::Pending HttpSender::Private::take(std::unordered_map<Handle, Pending>::iterator it)
{
    Pending taken = std::move(it->second);
    pending.erase(it);
    --load[taken.thread];
    return taken;
}

HttpSender::HttpSender(AddressGuard guard, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    // Runs on a transfer thread; the results are taken on this object's thread.
    for (size_t i = 0; i < kTransferThreads; ++i) {
        d->threads.push_back(std::make_unique<TransferThread>(guard, [this] {
            QMetaObject::invokeMethod(this, [this] { deliverFinished(); }, Qt::QueuedConnection);
        }));
    }
}

HttpSender::~HttpSender()
{
    d->threads.clear(); // joins the threads before the callbacks go
}

HttpSender::Handle HttpSender::send(const OutboundRequest &request, Callback callback)
{
    QElapsedTimer clock;
    clock.start();
    const Handle handle = d->nextHandle++;
    const size_t thread = d->threadForNext();
    ++d->load[thread];
    d->pending.emplace(handle, Private::Pending{std::move(callback), thread});
    if (d->lastTarget.encoded.isEmpty() || d->lastTarget.url != request.url)
        d->lastTarget = CurlTransfer::targetOf(request.url);
    d->threads[thread]->start(handle, request, d->lastTarget, clock);
    return handle;
}

void HttpSender::setLaneLimit(const QString &lane, int limit)
{
    for (const auto &thread : d->threads)
        thread->setLaneLimit(lane, limit);
}

void HttpSender::withdraw(const QString &lane)
{
    for (const auto &thread : d->threads)
        thread->withdraw(lane, d->nextHandle);
}

void HttpSender::abort(Handle handle)
{
    const auto it = d->pending.find(handle);
    if (it != d->pending.end())
        d->threads[d->take(it).thread]->abort(handle);
}

int HttpSender::inFlight() const
{
    return int(d->pending.size());
}

void HttpSender::deliverFinished()
{
    // Callbacks may send, abort or delete this sender.
    const QPointer<HttpSender> alive(this);
    // Taken out of d while the callbacks run: one of them may delete this sender.
    std::vector<TransferThread::Finished> finished = std::move(d->finished);
    finished.clear();
    for (const auto &thread : d->threads) {
        thread->takeFinished(d->fromThread);
        std::move(d->fromThread.begin(), d->fromThread.end(), std::back_inserter(finished));
    }
    for (TransferThread::Finished &done : finished) {
        if (!alive)
            return;
        const auto it = d->pending.find(done.id);
        if (it == d->pending.end())
            continue; // aborted meanwhile
        Callback callback = d->take(it).callback;
        if (callback)
            callback(done.result);
    }
    if (alive)
        d->finished = std::move(finished);
}
