#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "Router.h"

class AuditStore;

// Records every successful admin change in the audit log, in one place (ApiGateway calls it
// after the handler), so no handler can forget to. Which routes count, and what they are called,
// is the table in AuditTrail.cpp.
class AuditTrail
{
public:
    explicit AuditTrail(AuditStore &store) : m_store(store) {}

    void record(const ApiRequest &request, const Router::Route &route, const ApiResponse &response) const;

private:
    AuditStore &m_store;
};
