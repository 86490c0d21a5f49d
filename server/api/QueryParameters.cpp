#include "QueryParameters.h"

#include "ApiError.h"
#include "Rfc3339.h"

#include <limits>

namespace {
constexpr int kDefaultPerPage = 20;
constexpr int kMaxPerPage = 100;

ApiError notATime(const QString &name, const QString &text)
{
    return ApiError::unprocessable(
        QStringLiteral("parameter \"%1\" must be an RFC 3339 time such as 2026-06-07T10:00:00Z, not \"%2\"").arg(name, text));
}
} // namespace

QueryParameters::QueryParameters(const QUrlQuery &query)
    : m_query(query)
{
}

std::optional<QString> QueryParameters::text(const QString &name) const
{
    if (!m_query.hasQueryItem(name))
        return std::nullopt;
    // Fully decoded: "+02:00" offsets arrive as %2B, and names are compared decoded too.
    return m_query.queryItemValue(name, QUrl::FullyDecoded);
}

int QueryParameters::wholeNumber(const QString &name, int fallback, int max) const
{
    const auto value = text(name);
    if (!value)
        return fallback;
    bool ok = false;
    const int number = value->toInt(&ok);
    if (!ok || number < 1 || number > max) {
        throw ApiError::unprocessable(max == std::numeric_limits<int>::max()
                                          ? QStringLiteral("parameter \"%1\" must be a whole number from 1").arg(name)
                                          : QStringLiteral("parameter \"%1\" must be a whole number from 1 to %2").arg(name).arg(max));
    }
    return number;
}

int QueryParameters::page() const
{
    return wholeNumber(QStringLiteral("page"), 1, std::numeric_limits<int>::max());
}

int QueryParameters::perPage() const
{
    return wholeNumber(QStringLiteral("per_page"), kDefaultPerPage, kMaxPerPage);
}

QueryParameters::TimeWindow QueryParameters::timeWindow() const
{
    TimeWindow window;
    if (const auto from = text(QStringLiteral("from"))) {
        window.fromMs = Rfc3339::parse(*from);
        if (!window.fromMs)
            throw notATime(QStringLiteral("from"), *from);
    }
    if (const auto to = text(QStringLiteral("to"))) {
        window.toMs = Rfc3339::parseLast(*to);
        if (!window.toMs)
            throw notATime(QStringLiteral("to"), *to);
    }
    if (window.fromMs && window.toMs && *window.fromMs > *window.toMs)
        throw ApiError::unprocessable(QStringLiteral("parameter \"from\" must not be later than \"to\""));
    return window;
}

void QueryParameters::requirePageWithin(qint64 total) const
{
    const int perPageValue = perPage();
    const qint64 lastPage = std::max<qint64>(1, (total + perPageValue - 1) / perPageValue);
    if (page() > lastPage)
        throw ApiError::unprocessable(QStringLiteral("parameter \"page\" is out of range: %1 matching items make %2 page(s) of %3")
                                          .arg(total).arg(lastPage).arg(perPageValue));
}

QJsonObject QueryParameters::pageMeta(qint64 total) const
{
    return {{QStringLiteral("page"), page()}, {QStringLiteral("per_page"), perPage()}, {QStringLiteral("total"), total}};
}
