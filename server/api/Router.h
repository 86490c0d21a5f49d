#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "RouteInput.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QStringView>
#include <functional>

// Maps method + path to a handler. Patterns use ":name" segments ("/api/x/:id"). Knows which
// methods a path accepts, so a wrong method gets 405 with Allow instead of 404, and what each
// route takes besides its path (RouteInput), so one rule answers what it does not take.
class Router
{
public:
    enum class Access { Public, Admin, Publish }; // Publish: the admin or the publish-only token
    using Handler = std::function<ApiResponse(const ApiRequest &)>;

    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Access access = Access::Admin;
        RouteInput input;
        Handler handler;
    };

    struct Match
    {
        const Route *route = nullptr;   // null when nothing matched method and path
        QHash<QString, QString> params;
        QList<QByteArray> allowedMethods; // for the path, when only the method was wrong
    };

    void add(const QByteArray &method, const QString &pattern, Access access, RouteInput input, Handler handler);
    Match match(const QByteArray &method, const QString &path) const;
    const QList<Route> &routes() const { return m_routes; }

private:
    static bool matchSegments(const Route &route, const QList<QStringView> &segments);
    static QHash<QString, QString> capture(const Route &route, const QList<QStringView> &segments);

    QList<Route> m_routes;
};
