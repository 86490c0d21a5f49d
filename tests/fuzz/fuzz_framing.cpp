// Request framing (what ConnectionGuard reads ahead of QtHttpServer, on untrusted bytes): never
// crashes, and how the bytes arrive does not change the outcome. The first byte picks the size
// of the pieces the rest is fed in; the outcome must equal that of feeding it whole.
#include "RequestFraming.h"

#include <cstdint>
#include <cstdlib>

namespace {

struct Outcome
{
    int completed = 0;
    int status = 0; // of the rejection; 0: none
    bool inRequest = false;
    bool operator==(const Outcome &) const = default;
};

Outcome feed(QByteArrayView input, qsizetype piece)
{
    HttpLimits limits;
    limits.maxBodyBytes = 300;
    limits.maxHeaderBytes = 400;
    limits.maxUrlBytes = 100;
    RequestFraming framing(limits);
    Outcome outcome;
    for (qsizetype at = 0; at < input.size() && outcome.status == 0; at += piece) {
        const RequestFraming::Result result = framing.feed(input.sliced(at, std::min(piece, input.size() - at)));
        outcome.completed += result.completed;
        if (result.rejection)
            outcome.status = result.rejection->status;
    }
    outcome.inRequest = framing.inRequest();
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const qsizetype piece = 1 + data[0] % 16;
    const Outcome whole = feed(input, std::max<qsizetype>(input.size(), 1));
    const Outcome pieces = feed(input, piece);
    if (!(whole == pieces)) {
        qCritical("fed whole: %d complete, status %d; in pieces of %lld: %d complete, status %d", whole.completed,
                  whole.status, static_cast<long long>(piece), pieces.completed, pieces.status);
        std::abort();
    }
    return 0;
}
