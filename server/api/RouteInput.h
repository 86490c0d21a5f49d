#pragma once

#include <QStringList>

struct ApiRequest;

// What a route takes besides its path, declared where it is registered: the query parameters
// it knows and whether it reads a JSON body. The gateway holds every request to the declaration
// of its route before the handler runs, so no route can quietly ignore what a client sent: a
// misspelt filter or a body sent to the wrong route would otherwise succeed doing something else.
class RouteInput
{
public:
    enum class Body { None, Json };

    RouteInput() = default; // no query parameters, no body
    static RouteInput jsonBody();
    static RouteInput query(QStringList names);

    const QStringList &queryNames() const { return m_queryNames; }
    Body body() const { return m_body; }

    // Throws ApiError: 422 for a query parameter not declared (unknown_parameter) or given more
    // than once (invalid_value), 415 for a body the route does not take (unsupported_media_type).
    void check(const ApiRequest &request) const;

private:
    void checkQuery(const ApiRequest &request) const;
    void checkBody(const ApiRequest &request) const;

    QStringList m_queryNames;
    Body m_body = Body::None;
};
