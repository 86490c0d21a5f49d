#pragma once

#include "AddressGuard.h"
#include "OutboundRequest.h"
#include "OutboundResult.h"

#include <QElapsedTimer>
#include <functional>
#include <memory>
#include <vector>

// libcurl's transfers on a thread of their own: the multi interface driven by epoll and
// curl_multi_socket_action, so connecting, sending and reading answers run beside the thread
// that owns the database instead of taking turns with it. HttpSender is its only user. Every
// public function may be called from any thread.
class TransferThread
{
public:
    using Id = quint64;
    struct Finished
    {
        Id id;
        OutboundResult result;
    };

    // resultsReady runs on the transfer thread when finished transfers start waiting in
    // takeFinished(); it should only tell the owner to come and take them.
    TransferThread(AddressGuard guard, std::function<void()> resultsReady);
    // Stops the thread; unfinished transfers are dropped without a result.
    ~TransferThread();
    TransferThread(const TransferThread &) = delete;
    TransferThread &operator=(const TransferThread &) = delete;

    // clock runs since the attempt began: the result's duration counts from then.
    void start(Id id, const OutboundRequest &request, QElapsedTimer clock);
    // Drops the transfer; no result will come for it.
    void abort(Id id);
    std::vector<Finished> takeFinished();

private:
    struct Private;
    std::unique_ptr<Private> d;
};
