#pragma once

#include "AddressGuard.h"
#include "CurlTransfer.h"
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

    // clock runs since the attempt was submitted; target is CurlTransfer::targetOf(request.url).
    void start(Id id, const OutboundRequest &request, const CurlTransfer::Target &target, QElapsedTimer clock);
    // See HttpSender::setLaneLimit.
    void setLaneLimit(const QString &lane, int limit);
    // See HttpSender::withdraw: takes back the lane's waiting transfers with ids below before.
    void withdraw(const QString &lane, Id before);
    // Drops the transfer; no result will come for it.
    void abort(Id id);
    // Swaps the finished results into finished (emptied first), whose capacity the thread keeps
    // for the next ones: growing a fresh vector for every batch made glibc consolidate its heap.
    void takeFinished(std::vector<Finished> &finished);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
