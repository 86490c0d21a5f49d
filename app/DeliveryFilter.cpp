#include "DeliveryFilter.h"

namespace {
QString rfc3339(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}
} // namespace

QUrlQuery DeliveryFilter::toQuery() const
{
    QUrlQuery query;
    if (from.isValid())
        query.addQueryItem(QStringLiteral("from"), rfc3339(from));
    if (to.isValid())
        query.addQueryItem(QStringLiteral("to"), rfc3339(to));
    if (status)
        query.addQueryItem(QStringLiteral("status"), DeliveryInfo::statusToString(*status));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    return query;
}
