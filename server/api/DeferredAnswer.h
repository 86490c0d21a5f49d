#pragma once

#include "ApiResponse.h"

#include <functional>
#include <optional>
#include <vector>

// An answer that is not ready when the handler returns: POST /api/events answers 202 only once
// its event is committed, and commits are shared by a batch of requests. Whoever produces the
// answer calls complete(); whoever waits for it (the gateway's metrics, the HTTP front that
// writes it) registers with then(). Either may come first; every listener runs exactly once.
class DeferredAnswer
{
public:
    using Listener = std::function<void(const ApiResponse &)>;

    void complete(const ApiResponse &response);
    void then(Listener listener);
    bool isComplete() const { return m_response.has_value(); }

private:
    std::optional<ApiResponse> m_response;
    std::vector<Listener> m_listeners;
};
