#pragma once

#include <QtGlobal>
#include <functional>

// Milliseconds on a monotonic clock. Whatever decides by time takes one, so that a test can pass
// a clock it advances instead of waiting.
using MonotonicClock = std::function<qint64()>;

// The real one: milliseconds since it was made.
MonotonicClock systemMonotonicClock();
