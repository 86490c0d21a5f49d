// RFC 3339 parsing: never crashes, what it accepts formats back to text that parses to the
// same instant (to the second, as the API prints seconds), and the last millisecond a text
// covers lies in the same second as its first.
#include "Rfc3339.h"

#include <cstdint>
#include <cstdlib>

namespace {
constexpr qint64 kYear1Ms = -62135596800000;    // 0001-01-01T00:00:00Z
constexpr qint64 kYear9999Ms = 253402300799999; // 9999-12-31T23:59:59.999Z
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<qint64> ms = Rfc3339::parse(text);
    if (!ms || *ms < kYear1Ms || *ms > kYear9999Ms)
        return 0;
    const qint64 seconds = *ms - ((*ms % 1000) + 1000) % 1000;
    const std::optional<qint64> again = Rfc3339::parse(Rfc3339::format(*ms));
    if (!again || *again != seconds) {
        qCritical("\"%s\" -> %lld -> \"%s\" does not round-trip", qUtf8Printable(text), static_cast<long long>(*ms),
                  qUtf8Printable(Rfc3339::format(*ms)));
        std::abort();
    }
    const std::optional<qint64> last = Rfc3339::parseLast(text);
    if (!last || *last < *ms || *last - ((*last % 1000) + 1000) % 1000 != seconds) {
        qCritical("\"%s\" covers %lld to %lld", qUtf8Printable(text), static_cast<long long>(*ms),
                  static_cast<long long>(last.value_or(-1)));
        std::abort();
    }
    return 0;
}
