#include "DeferredAnswer.h"

void DeferredAnswer::complete(const ApiResponse &response)
{
    if (m_response)
        return;
    m_response = response;
    // Listeners may register more listeners; run them in order until none are left.
    for (std::size_t i = 0; i < m_listeners.size(); ++i) {
        const Listener listener = m_listeners[i];
        listener(*m_response);
    }
    m_listeners.clear();
}

void DeferredAnswer::then(Listener listener)
{
    if (m_response)
        listener(*m_response);
    else
        m_listeners.push_back(std::move(listener));
}
