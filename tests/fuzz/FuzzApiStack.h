#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

#include <memory>

// The API as the real server wires it (stores on a temporary SQLite file, router, handlers,
// gateway), without the socket: fuzz inputs go straight into ApiGateway::handle. Before each
// input the data is reset to one known endpoint with one delivery, so inputs are reproducible.
class FuzzApiStack
{
public:
    static FuzzApiStack &instance();
    ~FuzzApiStack();

    ApiResponse handle(ApiRequest &request);
    static QByteArray adminToken();
    static QString endpointId();
    static QString deliveryId();

private:
    FuzzApiStack();
    void reset();

    struct Parts;
    std::unique_ptr<Parts> d;
};
