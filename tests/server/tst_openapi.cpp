#include "ApiTestClient.h"
#include "RawHttpClient.h"
#include "RouteExamples.h"
#include "Router.h"
#include "TestServer.h"
#include "YamlSubset.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

// docs/openapi.yaml describes exactly what the server does: the same routes, each with the
// query parameters and request body its route takes, and every status and error code the server
// answers an operation with is declared for that operation, so a client generated from the
// document is never surprised. The answers are provoked for real, on every route.
class tst_OpenApi : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void documentMatchesRegisteredRoutes();
    void documentsEveryPathParameterAndVersion();
    void operationsTakeWhatTheirRoutesTake();
    void errorAnswersNameTheirCodes();
    void answersAreDeclared_data();
    void answersAreDeclared();
    void throttledAnswersAreDeclared_data();
    void throttledAnswersAreDeclared();
    void requestTimeoutIsDeclaredEverywhere();
    void connectionCapIsDeclaredEverywhere();

private:
    enum Case {
        Valid,
        NoToken,
        PublishToken,
        WrongMethod,
        UnknownParameter,
        RepeatedParameter,
        WrongMediaType,
        MalformedJson,
        UnknownField,
        RepeatedHeader,
        ForeignHost,
        BodyTooLarge,
        UriTooLong,
        HeadersTooLarge,
        UnknownIds,
        ConflictingIds,
    };

    QJsonObject resolve(const QJsonObject &object) const; // follows "$ref" within the document
    QJsonObject operation(const QString &name) const;    // "GET /api/x/{id}"
    QSet<QString> documentedOperations() const;
    QStringList errorCodes(const QJsonObject &response) const; // empty when it names none
    // Fails unless the document declares status, and for an error the code in body, for the operation.
    void expectDeclared(const QString &operationName, int status, const QByteArray &body) const;
    const Router::Route &route(TestServer &server, const QByteArray &method, const QString &pattern) const;
    static RawHttpClient::Response send(TestServer &server, const QByteArray &request);

    QJsonObject m_document;
    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_admin;
    std::unique_ptr<RouteExamples> m_examples;
    std::unique_ptr<TestServer> m_throttled;
};

namespace {
const QByteArray kPublishToken = "publish-only-token-for-tst-openapi";

QByteArray errorCodeOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object()[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString().toUtf8();
}
} // namespace

void tst_OpenApi::initTestCase()
{
    QFile file(QStringLiteral(ENA_SOURCE_DIR "/docs/openapi.yaml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    m_document = YamlSubset::parse(file.readAll(), &error).toObject();
    QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("docs/openapi.yaml: ") + error));
    QVERIFY(!m_document.isEmpty());

    QFile publishToken(QDir(m_dir.path()).filePath(QStringLiteral("publish-token")));
    QVERIFY(publishToken.open(QIODevice::WriteOnly));
    publishToken.write(kPublishToken + '\n');
    publishToken.close();
    m_server = std::make_unique<TestServer>([&](ServerConfig &c) { c.publishTokenFile = publishToken.fileName(); });
    QVERIFY(m_server->start());
    m_admin = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
    m_examples = std::make_unique<RouteExamples>(*m_server, *m_admin);

    // One wrong token is enough to be refused here for the rest of the test.
    m_throttled = std::make_unique<TestServer>([](ServerConfig &c) { c.authFailureLimit = 1; });
    QVERIFY(m_throttled->start());
    QCOMPARE(ApiTestClient(m_throttled->url(QStringLiteral("/")), "wrong").get(QStringLiteral("/api/integrations/webhooks")).status, 401);
}

void tst_OpenApi::cleanupTestCase()
{
    m_examples.reset();
    m_admin.reset();
    m_server.reset();
    m_throttled.reset();
}

QJsonObject tst_OpenApi::resolve(const QJsonObject &object) const
{
    const QString reference = object[QStringLiteral("$ref")].toString();
    if (reference.isEmpty())
        return object;
    QJsonValue target = m_document;
    for (const QString &part : reference.mid(2).split(QLatin1Char('/')))
        target = target.toObject()[part];
    if (!target.isObject())
        qFatal("docs/openapi.yaml: %s points nowhere", qUtf8Printable(reference));
    return target.toObject();
}

QJsonObject tst_OpenApi::operation(const QString &name) const
{
    const qsizetype space = name.indexOf(QLatin1Char(' '));
    return m_document[QStringLiteral("paths")][name.mid(space + 1)][name.left(space).toLower()].toObject();
}

QSet<QString> tst_OpenApi::documentedOperations() const
{
    static const QStringList methods{QStringLiteral("get"), QStringLiteral("put"), QStringLiteral("post"),
                                     QStringLiteral("patch"), QStringLiteral("delete"), QStringLiteral("head"),
                                     QStringLiteral("options"), QStringLiteral("trace")};
    QSet<QString> operations;
    const QJsonObject paths = m_document[QStringLiteral("paths")].toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        for (const QString &key : path.value().toObject().keys()) {
            if (methods.contains(key))
                operations.insert(key.toUpper() + QLatin1Char(' ') + path.key());
        }
    }
    return operations;
}

QStringList tst_OpenApi::errorCodes(const QJsonObject &response) const
{
    const QJsonObject schema = resolve(response)[QStringLiteral("content")][QStringLiteral("application/json")]
                                   [QStringLiteral("schema")].toObject();
    for (const QJsonValue &part : schema[QStringLiteral("allOf")].toArray()) {
        const QJsonValue codes = part[QStringLiteral("properties")][QStringLiteral("error")][QStringLiteral("properties")]
                                     [QStringLiteral("code")][QStringLiteral("enum")];
        if (codes.isArray())
            return QVariant(codes.toArray().toVariantList()).toStringList();
    }
    return {};
}

void tst_OpenApi::expectDeclared(const QString &operationName, int status, const QByteArray &body) const
{
    const QJsonObject responses = operation(operationName)[QStringLiteral("responses")].toObject();
    QVERIFY2(!responses.isEmpty(), qPrintable(operationName + QStringLiteral(" is not in docs/openapi.yaml")));
    const QString key = QString::number(status);
    QVERIFY2(responses.contains(key),
             qPrintable(QStringLiteral("%1 answered %2, which docs/openapi.yaml does not declare for it").arg(operationName, key)));
    if (status < 400)
        return;
    const QString code = QString::fromUtf8(errorCodeOf(body));
    const QStringList declared = errorCodes(responses[key].toObject());
    QVERIFY2(declared.contains(code), qPrintable(QStringLiteral("%1 answered %2 \"%3\"; docs/openapi.yaml declares only %4 for it")
                                                     .arg(operationName, key, code, declared.join(QStringLiteral(", ")))));
}

const Router::Route &tst_OpenApi::route(TestServer &server, const QByteArray &method, const QString &pattern) const
{
    for (const Router::Route &candidate : server.server().router().routes()) {
        if (candidate.method == method && candidate.pattern == pattern)
            return candidate;
    }
    qFatal("no route %s %s", method.constData(), qUtf8Printable(pattern));
}

RawHttpClient::Response tst_OpenApi::send(TestServer &server, const QByteArray &request)
{
    RawHttpClient client(server.server().port());
    client.send(request);
    return client.waitForResponse().value_or(RawHttpClient::Response{});
}

void tst_OpenApi::documentMatchesRegisteredRoutes()
{
    const QSet<QString> documented = documentedOperations();
    QSet<QString> registered;
    for (const Router::Route &route : m_server->server().router().routes())
        registered.insert(RouteExamples::operation(route));
    QVERIFY(registered.size() >= 15);
    QStringList undocumented = (registered - documented).values();
    QStringList unserved = (documented - registered).values();
    undocumented.sort();
    unserved.sort();
    QVERIFY2(undocumented.isEmpty(), qPrintable(QStringLiteral("routes missing from docs/openapi.yaml: ") + undocumented.join(QStringLiteral(", "))));
    QVERIFY2(unserved.isEmpty(), qPrintable(QStringLiteral("documented but not served: ") + unserved.join(QStringLiteral(", "))));
}

void tst_OpenApi::documentsEveryPathParameterAndVersion()
{
    QVERIFY(m_document[QStringLiteral("openapi")].toString().startsWith(QLatin1String("3.1.")));
    // info.version is the project version, like /api/health and the packages.
    QCOMPARE(m_document[QStringLiteral("info")][QStringLiteral("version")].toString(), QStringLiteral(ENA_PROJECT_VERSION));
    // Every "{name}" of a path is declared as a path parameter, on the path or the operation.
    static const QRegularExpression braces(QStringLiteral(R"(\{([A-Za-z0-9_]+)\})"));
    const QJsonObject paths = m_document[QStringLiteral("paths")].toObject();
    for (const QString &name : documentedOperations()) {
        const QString path = name.mid(name.indexOf(QLatin1Char(' ')) + 1);
        QSet<QString> declared;
        QJsonArray parameters = paths[path][QStringLiteral("parameters")].toArray();
        for (const QJsonValue &parameter : operation(name)[QStringLiteral("parameters")].toArray())
            parameters.append(parameter);
        for (const QJsonValue &parameter : parameters) {
            const QJsonObject resolved = resolve(parameter.toObject());
            if (resolved[QStringLiteral("in")].toString() == QLatin1String("path"))
                declared.insert(resolved[QStringLiteral("name")].toString());
        }
        for (auto it = braces.globalMatch(path); it.hasNext();) {
            const QString parameter = it.next().captured(1);
            QVERIFY2(declared.contains(parameter), qPrintable(QStringLiteral("%1: path parameter %2 is not declared").arg(name, parameter)));
        }
    }
}

void tst_OpenApi::operationsTakeWhatTheirRoutesTake()
{
    for (const Router::Route &route : m_server->server().router().routes()) {
        const QString name = RouteExamples::operation(route);
        const QJsonObject documented = operation(name);
        QStringList query;
        for (const QJsonValue &parameter : documented[QStringLiteral("parameters")].toArray()) {
            const QJsonObject resolved = resolve(parameter.toObject());
            if (resolved[QStringLiteral("in")].toString() == QLatin1String("query"))
                query.append(resolved[QStringLiteral("name")].toString());
        }
        QStringList taken = route.input.queryNames();
        query.sort();
        taken.sort();
        QVERIFY2(query == taken, qPrintable(QStringLiteral("%1: the document lists the query parameters [%2], the route takes [%3]")
                                                .arg(name, query.join(QStringLiteral(", ")), taken.join(QStringLiteral(", ")))));
        const QJsonObject body = documented[QStringLiteral("requestBody")].toObject();
        const bool takesJson = route.input.body() == RouteInput::Body::Json;
        QVERIFY2(body.isEmpty() != takesJson, qPrintable(name + (takesJson ? QStringLiteral(": its JSON body is not documented")
                                                                           : QStringLiteral(": documents a body the route refuses"))));
        if (takesJson) {
            QCOMPARE(body[QStringLiteral("content")].toObject().keys(), QStringList{QStringLiteral("application/json")});
            QVERIFY(body[QStringLiteral("required")].toBool());
        }
    }
}

void tst_OpenApi::errorAnswersNameTheirCodes()
{
    const QJsonValue all = m_document[QStringLiteral("components")][QStringLiteral("schemas")][QStringLiteral("Error")]
                                     [QStringLiteral("properties")][QStringLiteral("error")][QStringLiteral("properties")]
                                     [QStringLiteral("code")][QStringLiteral("enum")];
    const QStringList known = QVariant(all.toArray().toVariantList()).toStringList();
    QVERIFY(known.contains(QStringLiteral("unsupported_media_type")));
    for (const QString &name : documentedOperations()) {
        const QJsonObject responses = operation(name)[QStringLiteral("responses")].toObject();
        for (auto it = responses.begin(); it != responses.end(); ++it) {
            if (it.key().toInt() < 400)
                continue;
            const QStringList codes = errorCodes(it.value().toObject());
            QVERIFY2(!codes.isEmpty(), qPrintable(QStringLiteral("%1 %2 does not name its error codes").arg(name, it.key())));
            for (const QString &code : codes)
                QVERIFY2(known.contains(code), qPrintable(QStringLiteral("%1 %2: code %3 is not in Error.code").arg(name, it.key(), code)));
        }
    }
}

void tst_OpenApi::answersAreDeclared_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status"); // 0: any 2xx
    const QList<std::pair<Case, const char *>> everywhere{
        {Valid, "valid"},
        {NoToken, "no token"},
        {PublishToken, "publish-only token"},
        {WrongMethod, "wrong method"},
        {UnknownParameter, "unknown query parameter"},
        {WrongMediaType, "body of the wrong type"},
        {RepeatedHeader, "Authorization twice"},
        {ForeignHost, "foreign Host"},
        {BodyTooLarge, "body over the limit"},
        {UriTooLong, "target too long"},
        {HeadersTooLarge, "headers too large"},
    };
    for (const Router::Route &route : m_server->server().router().routes()) {
        QList<std::pair<Case, const char *>> cases = everywhere;
        if (!route.input.queryNames().isEmpty())
            cases.append({RepeatedParameter, "repeated query parameter"});
        if (route.input.body() == RouteInput::Body::Json) {
            cases.append({MalformedJson, "malformed JSON"});
            cases.append({UnknownField, "unknown field"});
        }
        if (route.pattern.contains(QLatin1Char(':')))
            cases.append({UnknownIds, "unknown ids"});
        if (route.pattern.endsWith(QLatin1String("/retry")) || route.pattern.endsWith(QLatin1String("/test")))
            cases.append({ConflictingIds, "disabled endpoint, delivered delivery"});
        const bool isPublic = route.access == Router::Access::Public;
        for (const auto &[kind, name] : cases) {
            int status = 0;
            switch (kind) {
            case Valid: status = 0; break;
            case NoToken: status = isPublic ? 0 : 401; break;
            case PublishToken: status = route.access == Router::Access::Admin ? 403 : 0; break;
            case WrongMethod: status = 405; break;
            case UnknownParameter: case RepeatedParameter: case UnknownField: status = 422; break;
            case WrongMediaType: status = 415; break;
            case MalformedJson: case RepeatedHeader: status = 400; break;
            case ForeignHost: status = 421; break;
            case BodyTooLarge: status = 413; break;
            case UriTooLong: status = 414; break;
            case HeadersTooLarge: status = 431; break;
            case UnknownIds: status = 404; break;
            case ConflictingIds: status = 409; break;
            }
            QTest::newRow(qPrintable(RouteExamples::operation(route) + QStringLiteral(": ") + QLatin1String(name)))
                << route.method << route.pattern << int(kind) << status;
        }
    }
}

void tst_OpenApi::answersAreDeclared()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, pattern);
    QFETCH(int, kind);
    QFETCH(int, status);
    const Router::Route &route = this->route(*m_server, method, pattern);
    const RouteExamples::Ids ids = kind == UnknownIds ? RouteExamples::Ids::Unknown
                                   : kind == ConflictingIds ? RouteExamples::Ids::Conflicting
                                                            : RouteExamples::Ids::Ready;
    QByteArray target = m_examples->path(route, ids).toUtf8();
    QByteArray body = RouteExamples::validBody(route);
    QByteArray headers = body.isEmpty() ? QByteArray() : QByteArrayLiteral("Content-Type: application/json\r\n");
    QByteArray host = "127.0.0.1";
    QByteArray authorization = "Authorization: Bearer " + m_server->token() + "\r\n";
    switch (kind) {
    case NoToken: authorization.clear(); break;
    case PublishToken: authorization = "Authorization: Bearer " + kPublishToken + "\r\n"; break;
    case WrongMethod: method = "PUT"; break;
    case UnknownParameter: target += "?colour=blue"; break;
    case RepeatedParameter: {
        const QString name = route.input.queryNames().constFirst();
        target += (QStringLiteral("?%1=1&%1=1").arg(name)).toUtf8();
        break;
    }
    case WrongMediaType:
        headers = "Content-Type: text/plain\r\n";
        body = body.isEmpty() ? QByteArray("text") : body;
        break;
    case MalformedJson: body = "{\"unterminated\":"; break;
    case UnknownField: body = R"({"colour":"blue"})"; break;
    case RepeatedHeader: headers += authorization; break;
    case ForeignHost: host = "webhooks.attacker.example"; break;
    case BodyTooLarge: break; // below: only the head is sent, with a Content-Length over the limit
    case UriTooLong: target += "?pad=" + QByteArray(16 * 1024, 'a'); break;
    case HeadersTooLarge: headers += "X-Pad: " + QByteArray(40 * 1024, 'a') + "\r\n"; break;
    default: break;
    }
    const qint64 length = kind == BodyTooLarge ? 2 * 1024 * 1024 : body.size();
    const auto response = send(*m_server, method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + authorization + headers
                                              + "Content-Length: " + QByteArray::number(length) + "\r\nConnection: close\r\n\r\n"
                                              + (kind == BodyTooLarge ? QByteArray() : body));
    if (status == 0)
        QVERIFY2(response.status >= 200 && response.status < 300, QByteArray(response.head + "\n" + response.body.left(300)).constData());
    else
        QVERIFY2(response.status == status, QByteArray(response.head + "\n" + response.body.left(300)).constData());
    // A wrong method matches no operation; each operation of its path has a row, so all must declare 405.
    expectDeclared(RouteExamples::operation(route), response.status, response.body);
}

void tst_OpenApi::throttledAnswersAreDeclared_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("pattern");
    for (const Router::Route &route : m_throttled->server().router().routes())
        QTest::newRow(qPrintable(RouteExamples::operation(route))) << route.method << route.pattern;
}

void tst_OpenApi::throttledAnswersAreDeclared()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, pattern);
    const Router::Route &route = this->route(*m_throttled, method, pattern);
    const QByteArray body = RouteExamples::validBody(route);
    // Unknown ids are enough: a wrong token from a throttled address is refused before anything is
    // looked up (the right token from it is always served).
    ApiTestClient client(m_throttled->url(QStringLiteral("/")), m_throttled->token());
    RouteExamples examples(*m_throttled, client);
    const auto response = send(*m_throttled, method + ' ' + examples.path(route, RouteExamples::Ids::Unknown).toUtf8()
                                                 + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong-token"
                                                 + "\r\nContent-Type: application/json\r\nContent-Length: "
                                                 + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    QCOMPARE(response.status, route.access == Router::Access::Public ? 200 : 429);
    expectDeclared(RouteExamples::operation(route), response.status, response.body);
}

void tst_OpenApi::requestTimeoutIsDeclaredEverywhere()
{
    TestServer server([](ServerConfig &c) { c.requestTimeoutMs = 500; });
    QVERIFY(server.start());
    // The request never ends, so it reaches no operation; any of them may be the one meant.
    RawHttpClient client(server.server().port());
    client.send("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const auto response = client.waitForResponse(5000);
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    for (const QString &name : documentedOperations())
        expectDeclared(name, response->status, response->body);
}

void tst_OpenApi::connectionCapIsDeclaredEverywhere()
{
    TestServer server([](ServerConfig &c) { c.maxConnections = 2; });
    QVERIFY(server.start());
    // Held connections that were answered are surely counted; the next one is over the cap.
    std::vector<std::unique_ptr<RawHttpClient>> held;
    for (int i = 0; i < 2; ++i) {
        held.push_back(std::make_unique<RawHttpClient>(server.server().port()));
        held.back()->send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const auto answered = held.back()->waitForResponse();
        QVERIFY(answered);
        QCOMPARE(answered->status, 200);
    }
    RawHttpClient extra(server.server().port());
    const auto response = extra.waitForResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 503);
    for (const QString &name : documentedOperations())
        expectDeclared(name, response->status, response->body);
}

QTEST_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
