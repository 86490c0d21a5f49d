// --retry-schedule and Retry-After parsing. A schedule is either refused with a message or has
// one non-negative delay per comma-separated item; a Retry-After delay is never negative.
#include "RetryPolicy.h"

#include <cstdint>
#include <cstdlib>

namespace {
constexpr qint64 kNowMs = 1780000000000;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    QString error;
    const auto delays = RetryPolicy::parseSchedule(text, &error);
    if (!delays && error.isEmpty())
        std::abort();
    if (delays) {
        if (delays->size() != text.count(QLatin1Char(',')) + 1)
            std::abort();
        for (qint64 delay : *delays) {
            if (delay < 0)
                std::abort();
        }
        const RetryPolicy policy(*delays);
        for (int made = 0; made <= policy.maxAttempts(); ++made) {
            const auto next = policy.delayAfter(made);
            if (next.has_value() != (made < policy.maxAttempts()) || (next && *next < 0))
                std::abort();
        }
    }
    const auto retryAfter = RetryPolicy::parseRetryAfterMs(bytes, kNowMs);
    if (retryAfter && *retryAfter < 0) {
        qCritical("Retry-After \"%s\" gave a negative delay", bytes.left(100).constData());
        std::abort();
    }
    return 0;
}
