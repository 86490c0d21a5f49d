#include "MonotonicClock.h"

#include <QElapsedTimer>

#include <memory>

MonotonicClock systemMonotonicClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}
