#include "HttpSender.h"

#include "TransferThread.h"

#include <QPointer>

#include <unordered_map>

struct HttpSender::Private
{
    std::unordered_map<Handle, Callback> callbacks; // what is in flight, from this thread's view
    Handle nextHandle = 1;
    std::unique_ptr<TransferThread> transfers;
};

HttpSender::HttpSender(AddressGuard guard, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    // Runs on the transfer thread; the results are taken on this object's thread.
    d->transfers = std::make_unique<TransferThread>(guard, [this] {
        QMetaObject::invokeMethod(this, [this] { deliverFinished(); }, Qt::QueuedConnection);
    });
}

HttpSender::~HttpSender()
{
    d->transfers.reset(); // joins the thread before the callbacks go
}

HttpSender::Handle HttpSender::send(const OutboundRequest &request, Callback callback)
{
    QElapsedTimer clock;
    clock.start();
    const Handle handle = d->nextHandle++;
    d->callbacks.emplace(handle, std::move(callback));
    d->transfers->start(handle, request, clock);
    return handle;
}

void HttpSender::abort(Handle handle)
{
    if (d->callbacks.erase(handle) > 0)
        d->transfers->abort(handle);
}

int HttpSender::inFlight() const
{
    return int(d->callbacks.size());
}

void HttpSender::deliverFinished()
{
    // Callbacks may send, abort or delete this sender.
    const QPointer<HttpSender> alive(this);
    for (TransferThread::Finished &done : d->transfers->takeFinished()) {
        if (!alive)
            return;
        const auto it = d->callbacks.find(done.id);
        if (it == d->callbacks.end())
            continue; // aborted meanwhile
        Callback callback = std::move(it->second);
        d->callbacks.erase(it);
        if (callback)
            callback(done.result);
    }
}
