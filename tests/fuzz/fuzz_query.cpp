// The query string of GET .../deliveries: DeliveriesApi::parseQuery either returns a query
// within the documented bounds or throws a 422 ApiError naming the problem; nothing else.
#include "ApiError.h"
#include "DeliveriesApi.h"

#include <QUrlQuery>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QUrlQuery query(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    try {
        const DeliveryQuery parsed = DeliveriesApi::parseQuery(QStringLiteral("whe_fuzz"), query);
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
