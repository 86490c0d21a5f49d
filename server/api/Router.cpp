#include "Router.h"

void Router::add(const QByteArray &method, const QString &pattern, Access access, RouteInput input, Handler handler)
{
    m_routes.append({method, pattern, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), access, std::move(input),
                     std::move(handler)});
}

bool Router::matchSegments(const Route &route, const QList<QStringView> &segments)
{
    if (route.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (!expected.startsWith(QLatin1Char(':')) && expected != segments.at(i))
            return false;
    }
    return true;
}

QHash<QString, QString> Router::capture(const Route &route, const QList<QStringView> &segments)
{
    QHash<QString, QString> params;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(QLatin1Char(':')))
            params.insert(expected.mid(1), segments.at(i).toString());
    }
    return params;
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    // Views into path: matching runs for every request and allocates only the captured values.
    const QList<QStringView> segments = QStringView(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    Match result;
    for (const Route &route : m_routes) {
        if (!matchSegments(route, segments))
            continue;
        if (route.method == method) {
            return {&route, capture(route, segments), {}};
        }
        if (!result.allowedMethods.contains(route.method))
            result.allowedMethods.append(route.method);
    }
    return result;
}
