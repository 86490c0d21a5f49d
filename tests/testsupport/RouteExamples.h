#pragma once

#include "HistorySeeder.h"
#include "Router.h"

#include <QByteArray>
#include <QString>

class ApiTestClient;
class TestServer;

// Concrete requests for any registered route, for tests that hold every route to one rule
// (tst_routeinput, tst_openapi): fresh ids for its ":id" and ":delivery_id" segments in the
// state asked for, and a body the route accepts. A new route that takes a JSON body needs an
// example here; validBody() says so by name.
class RouteExamples
{
public:
    enum class Ids {
        Ready,       // an enabled endpoint (to a port that refuses) and a failed delivery of it
        Conflicting, // a disabled endpoint and a delivered delivery: retry and test are 409
        Unknown,     // well-formed ids that name nothing
    };

    RouteExamples(TestServer &server, ApiTestClient &admin);

    QString path(const Router::Route &route, Ids ids = Ids::Ready);
    // A body the route accepts (empty for a route that takes none); qFatal for an unknown one.
    static QByteArray validBody(const Router::Route &route);
    // "GET /api/integrations/webhooks/{id}": the route as docs/openapi.yaml names it.
    static QString operation(const Router::Route &route);

private:
    TestServer &m_server;
    ApiTestClient &m_admin;
    HistorySeeder m_seeder;
};
