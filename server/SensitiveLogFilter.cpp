#include "SensitiveLogFilter.h"

#include <QLoggingCategory>

#include <atomic>

namespace SensitiveLogFilter {
namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

void filter(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

void install()
{
    static std::atomic_bool installed = false;
    if (installed.exchange(true))
        return;
    previousFilter = QLoggingCategory::installFilter(filter);
}

} // namespace SensitiveLogFilter
