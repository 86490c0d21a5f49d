#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>
#include <optional>

// The values of a query string, read the one way every route reads them, so routes that share
// a parameter (page, per_page, from, to) cannot drift apart. Each accessor throws ApiError 422
// naming the parameter. Which names a route takes at all, and that none is given twice, is
// checked before its handler runs (RouteInput).
class QueryParameters
{
public:
    // Both ends inclusive, in Unix milliseconds.
    struct TimeWindow
    {
        std::optional<qint64> fromMs;
        std::optional<qint64> toMs;
    };

    explicit QueryParameters(const QUrlQuery &query);

    std::optional<QString> text(const QString &name) const;
    int page() const;    // from 1, default 1
    int perPage() const; // 1 to 100, default 20
    // "from" and "to" at the precision they are written in: "to" covers everything its text
    // names, so to=10:00:00Z takes in 10:00:00.999 and from=to=T is the whole second T.
    TimeWindow timeWindow() const;
    // 422 when page() lies past the last page of total items.
    void requirePageWithin(qint64 total) const;
    // The "meta" object of a paged answer: {"page", "per_page", "total"}.
    QJsonObject pageMeta(qint64 total) const;

private:
    int wholeNumber(const QString &name, int fallback, int max) const;

    QUrlQuery m_query;
};
