#pragma once

#include "AddressGuard.h"
#include "OutboundRequest.h"
#include "OutboundResult.h"

#include <QObject>
#include <functional>
#include <memory>

// Sends webhook POSTs, many at once, and reports each result on this object's thread. The
// libcurl work runs on a TransferThread, where requests of a lane (an endpoint) beyond its limit
// wait for a slot (CurlTransfer holds one attempt): redirects are not followed, the whole attempt has a
// deadline, the response body is capped, and the address actually connected to passes the
// AddressGuard (so DNS rebinding cannot slip past a check made earlier).
class HttpSender : public QObject
{
    Q_OBJECT
public:
    using Handle = quint64;
    using Callback = std::function<void(const OutboundResult &)>;

    explicit HttpSender(AddressGuard guard, QObject *parent = nullptr);
    ~HttpSender() override;

    // Starts the request; callback runs exactly once, later, from the event loop (never from
    // inside send()), unless abort() is called first.
    Handle send(const OutboundRequest &request, Callback callback);
    // Requests of the lane (OutboundRequest::lane) run at most limit at a time from now on,
    // including those already waiting.
    void setLaneLimit(const QString &lane, int limit);
    // Takes back the lane's requests that are still waiting for a slot: their callbacks run with
    // OutboundResult::withdrawn set. Those already started finish as they began.
    void withdraw(const QString &lane);
    // Cancels an in-flight request; its callback will not run. Unknown handles are ignored.
    void abort(Handle handle);
    int inFlight() const;

private:
    void deliverFinished();

    struct Private;
    std::unique_ptr<Private> d;
};
