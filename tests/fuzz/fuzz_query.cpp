// The query string of GET .../deliveries, read as the server reads it: the route's declared
// input (names known, none repeated) and then DeliveriesApi::parseQuery either yield a query
// within the documented bounds or throw a 422 ApiError naming the problem; nothing else.
#include "ApiError.h"
#include "ApiRequest.h"
#include "DeliveriesApi.h"
#include "QueryParameters.h"

#include <QUrlQuery>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ApiRequest request;
    request.method = "GET";
    request.routePattern = QStringLiteral("/api/integrations/webhooks/:id/deliveries");
    request.query = QUrlQuery(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    try {
        DeliveriesApi::listInput().check(request);
        const DeliveryQuery parsed = DeliveriesApi::parseQuery(QStringLiteral("whe_fuzz"), QueryParameters(request.query));
        if (parsed.page < 1 || parsed.perPage < 1 || parsed.perPage > 100)
            std::abort();
        if (parsed.fromMs && parsed.toMs && *parsed.fromMs > *parsed.toMs)
            std::abort();
    } catch (const ApiError &error) {
        if (error.status() != 422 || error.message().isEmpty())
            std::abort();
    }
    return 0;
}
