#include "Router.h"

namespace {
QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}
} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Access access, Handler handler)
{
    m_routes.append({method, pattern, splitPath(pattern), access, std::move(handler)});
}

bool Router::matchSegments(const Route &route, const QStringList &segments, QHash<QString, QString> &params)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(QLatin1Char(':')))
            captured.insert(expected.mid(1), segments.at(i));
        else if (expected != segments.at(i))
            return false;
    }
    params = captured;
    return true;
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    Match result;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matchSegments(route, segments, params))
            continue;
        if (route.method == method) {
            return {&route, params, {}};
        }
        if (!result.allowedMethods.contains(route.method))
            result.allowedMethods.append(route.method);
    }
    return result;
}
