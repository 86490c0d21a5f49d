#include "HttpSender.h"

#include "TransferThread.h"

#include <QPointer>

#include <unordered_map>
#include <vector>

struct HttpSender::Private
{
    std::unordered_map<Handle, Callback> pending; // what is in flight, from this thread's view
    Handle nextHandle = 1;
    // One thread: with requests waiting in lanes beside curl, a second one only added wake-ups
    // (it had helped while freed slots waited for this thread's database work).
    std::unique_ptr<TransferThread> thread;
    std::vector<TransferThread::Finished> finished; // kept for their capacity
    CurlTransfer::Target lastTarget; // deliveries come in runs to one endpoint: encode its URL once
};

HttpSender::HttpSender(AddressGuard guard, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    // Runs on the transfer thread; the results are taken on this object's thread.
    d->thread = std::make_unique<TransferThread>(guard, [this] {
        QMetaObject::invokeMethod(this, [this] { deliverFinished(); }, Qt::QueuedConnection);
    });
}

HttpSender::~HttpSender()
{
    d->thread.reset(); // joins the thread before the callbacks go
}

HttpSender::Handle HttpSender::send(const OutboundRequest &request, Callback callback)
{
    QElapsedTimer clock;
    clock.start();
    const Handle handle = d->nextHandle++;
    d->pending.emplace(handle, std::move(callback));
    if (d->lastTarget.encoded.isEmpty() || d->lastTarget.url != request.url)
        d->lastTarget = CurlTransfer::targetOf(request.url);
    d->thread->start(handle, request, d->lastTarget, clock);
    return handle;
}

void HttpSender::setLaneLimit(const QString &lane, int limit)
{
    d->thread->setLaneLimit(lane, limit);
}

void HttpSender::withdraw(const QString &lane)
{
    d->thread->withdraw(lane, d->nextHandle);
}

void HttpSender::abort(Handle handle)
{
    if (d->pending.erase(handle) > 0)
        d->thread->abort(handle);
}

int HttpSender::inFlight() const
{
    return int(d->pending.size());
}

void HttpSender::deliverFinished()
{
    // Taken out of d while the callbacks run: one of them may delete this sender (or send, or
    // abort).
    const QPointer<HttpSender> alive(this);
    std::vector<TransferThread::Finished> finished = std::move(d->finished);
    d->thread->takeFinished(finished);
    for (TransferThread::Finished &done : finished) {
        if (!alive)
            return;
        const auto it = d->pending.find(done.id);
        if (it == d->pending.end())
            continue; // aborted meanwhile
        const Callback callback = std::move(it->second);
        d->pending.erase(it);
        if (callback)
            callback(done.result);
    }
    if (alive)
        d->finished = std::move(finished);
}
