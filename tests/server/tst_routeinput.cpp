#include "ApiTestClient.h"
#include "RawHttpClient.h"
#include "RouteExamples.h"
#include "TestServer.h"

#include <QJsonDocument>
#include <QTest>

// Every route is held to what it declares it takes (RouteInput), by one rule in the gateway: a
// query parameter it does not know, or one given twice, is 422 naming it; a body it does not
// take, or a JSON body not labelled as JSON, is 415; and what it does take is served. Swept over
// every registered route, so a new route cannot slip past the rule.
class tst_RouteInput : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void undeclaredQueryParameterIs422_data();
    void undeclaredQueryParameterIs422();
    void repeatedQueryParameterIs422_data();
    void repeatedQueryParameterIs422();
    void bodyTheRouteDoesNotTakeIs415_data();
    void bodyTheRouteDoesNotTakeIs415();
    void jsonBodyNotLabelledJsonIs415_data();
    void jsonBodyNotLabelledJsonIs415();
    void declaredInputIsServed_data();
    void declaredInputIsServed();

private:
    void addColumns();
    void refused();
    const Router::Route &route(const QByteArray &method, const QString &pattern);
    RawHttpClient::Response send(const QByteArray &method, const QString &target, const QByteArray &headers,
                                 const QByteArray &body);
    qint64 auditEntries();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_admin;
    std::unique_ptr<RouteExamples> m_examples;
};

namespace {
// A value each declared parameter accepts, so a row fails only for what it is about.
QString sampleValue(const QString &name)
{
    if (name == QLatin1String("from") || name == QLatin1String("to"))
        return QStringLiteral("2026-06-07T10:00:00Z");
    if (name == QLatin1String("status"))
        return QStringLiteral("failed");
    return QStringLiteral("1");
}

QByteArray rowName(const Router::Route &route, const char *what)
{
    return RouteExamples::operation(route).toUtf8() + ": " + what;
}
} // namespace

void tst_RouteInput::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_admin = std::make_unique<ApiTestClient>(m_server->url(QStringLiteral("/")), m_server->token());
    m_examples = std::make_unique<RouteExamples>(*m_server, *m_admin);
}

void tst_RouteInput::cleanupTestCase()
{
    m_examples.reset();
    m_admin.reset();
    m_server.reset();
}

void tst_RouteInput::addColumns()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("headers"); // raw header lines
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions"); // in the error message
}

const Router::Route &tst_RouteInput::route(const QByteArray &method, const QString &pattern)
{
    for (const Router::Route &candidate : m_server->server().router().routes()) {
        if (candidate.method == method && candidate.pattern == pattern)
            return candidate;
    }
    qFatal("no route %s %s", method.constData(), qUtf8Printable(pattern));
}

RawHttpClient::Response tst_RouteInput::send(const QByteArray &method, const QString &target, const QByteArray &headers,
                                             const QByteArray &body)
{
    RawHttpClient client(m_server->server().port());
    client.send(method + ' ' + target.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + m_server->token() + "\r\n" + headers + "Content-Length: " + QByteArray::number(body.size())
                + "\r\nConnection: close\r\n\r\n" + body);
    return client.waitForResponse().value_or(RawHttpClient::Response{});
}

qint64 tst_RouteInput::auditEntries()
{
    return m_admin->get(QStringLiteral("/api/audit-log")).json()[QStringLiteral("meta")].toObject()[QStringLiteral("total")].toInteger();
}

// The row is answered status with code and a message naming what was wrong, and changed nothing.
void tst_RouteInput::refused()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, pattern);
    QFETCH(QString, query);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const QString path = m_examples->path(route(method, pattern));
    const qint64 changesBefore = auditEntries();
    const auto response = send(method, path + query, headers, body);
    QVERIFY2(response.status == status, response.head.constData());
    const QJsonObject error = QJsonDocument::fromJson(response.body).object()[QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("code")].toString(), code);
    const QString message = error[QStringLiteral("message")].toString();
    QVERIFY2(message.contains(mentions), qPrintable(message));
    QCOMPARE(auditEntries(), changesBefore);
}

void tst_RouteInput::undeclaredQueryParameterIs422_data()
{
    addColumns();
    const QString unknown = QStringLiteral("unknown_parameter");
    for (const Router::Route &route : m_server->server().router().routes()) {
        const QByteArray body = RouteExamples::validBody(route);
        const QByteArray json = body.isEmpty() ? QByteArray() : QByteArrayLiteral("Content-Type: application/json\r\n");
        QTest::newRow(rowName(route, "misspelt").constData())
            << route.method << route.pattern << QStringLiteral("?colour=blue") << json << body << 422 << unknown
            << QStringLiteral("\"colour\"");
        // Another route's parameter means nothing here; taking it silently would hide the mistake.
        if (!route.input.queryNames().contains(QLatin1String("page"))) {
            QTest::newRow(rowName(route, "paging it does not have").constData())
                << route.method << route.pattern << QStringLiteral("?page=2") << json << body << 422 << unknown
                << QStringLiteral("\"page\"");
        }
    }
}

void tst_RouteInput::undeclaredQueryParameterIs422()
{
    refused();
}

void tst_RouteInput::repeatedQueryParameterIs422_data()
{
    addColumns();
    for (const Router::Route &route : m_server->server().router().routes()) {
        for (const QString &name : route.input.queryNames()) {
            const QString second = name == QLatin1String("status") ? QStringLiteral("delivered")
                                   : name == QLatin1String("per_page") ? QStringLiteral("50")
                                                                       : sampleValue(name);
            QTest::newRow(qPrintable(RouteExamples::operation(route) + QStringLiteral(": %1 twice").arg(name)))
                << route.method << route.pattern << QStringLiteral("?%1=%2&%1=%3").arg(name, sampleValue(name), second)
                << QByteArray() << QByteArray() << 422 << QStringLiteral("invalid_value") << QStringLiteral("\"%1\"").arg(name);
        }
    }
}

void tst_RouteInput::repeatedQueryParameterIs422()
{
    refused();
}

void tst_RouteInput::bodyTheRouteDoesNotTakeIs415_data()
{
    addColumns();
    const QString unsupported = QStringLiteral("unsupported_media_type");
    for (const Router::Route &route : m_server->server().router().routes()) {
        if (route.input.body() != RouteInput::Body::None)
            continue;
        QTest::newRow(rowName(route, "empty JSON object").constData())
            << route.method << route.pattern << QString() << QByteArray("Content-Type: application/json\r\n")
            << QByteArray("{}") << 415 << unsupported << QStringLiteral("takes no request body");
        QTest::newRow(rowName(route, "text").constData())
            << route.method << route.pattern << QString() << QByteArray("Content-Type: text/plain\r\n")
            << QByteArray("rotate") << 415 << unsupported << QStringLiteral("takes no request body");
    }
}

void tst_RouteInput::bodyTheRouteDoesNotTakeIs415()
{
    refused();
}

void tst_RouteInput::jsonBodyNotLabelledJsonIs415_data()
{
    addColumns();
    const QString unsupported = QStringLiteral("unsupported_media_type");
    const QList<std::pair<const char *, QByteArray>> labels{
        {"no Content-Type", {}},
        {"text/plain", "Content-Type: text/plain\r\n"},
        {"form", "Content-Type: application/x-www-form-urlencoded\r\n"},
        {"json-like name", "Content-Type: application/jsonp\r\n"},
    };
    for (const Router::Route &route : m_server->server().router().routes()) {
        if (route.input.body() != RouteInput::Body::Json)
            continue;
        for (const auto &[name, header] : labels) {
            QTest::newRow(rowName(route, name).constData())
                << route.method << route.pattern << QString() << header << RouteExamples::validBody(route) << 415
                << unsupported << QStringLiteral("Content-Type: application/json");
        }
        // The body is read as UTF-8; a client that says otherwise would get its text mangled.
        QTest::newRow(rowName(route, "latin-1").constData())
            << route.method << route.pattern << QString() << QByteArray("Content-Type: application/json; charset=iso-8859-1\r\n")
            << RouteExamples::validBody(route) << 415 << unsupported << QStringLiteral("iso-8859-1");
    }
}

void tst_RouteInput::jsonBodyNotLabelledJsonIs415()
{
    refused();
}

void tst_RouteInput::declaredInputIsServed_data()
{
    addColumns();
    for (const Router::Route &route : m_server->server().router().routes()) {
        const QByteArray body = RouteExamples::validBody(route);
        if (route.input.body() == RouteInput::Body::Json) {
            for (const QByteArray &label : {QByteArray("application/json"), QByteArray("application/json; charset=utf-8"),
                                            QByteArray("Application/JSON ; Charset=\"UTF-8\"")}) {
                QTest::newRow(qPrintable(RouteExamples::operation(route) + QStringLiteral(": ") + QString::fromLatin1(label)))
                    << route.method << route.pattern << QString() << "Content-Type: " + label + "\r\n" << body << 0
                    << QString() << QString();
            }
        } else {
            QTest::newRow(rowName(route, "no body").constData())
                << route.method << route.pattern << QString() << QByteArray() << QByteArray() << 0 << QString() << QString();
            // Clients that label every request as JSON, body or not, are not punished for it.
            QTest::newRow(rowName(route, "no body, labelled JSON").constData())
                << route.method << route.pattern << QString() << QByteArray("Content-Type: application/json\r\n")
                << QByteArray() << 0 << QString() << QString();
        }
        if (!route.input.queryNames().isEmpty()) {
            QStringList query;
            for (const QString &name : route.input.queryNames())
                query.append(name + QLatin1Char('=') + sampleValue(name));
            const QByteArray json = body.isEmpty() ? QByteArray() : QByteArrayLiteral("Content-Type: application/json\r\n");
            QTest::newRow(rowName(route, "every parameter once").constData())
                << route.method << route.pattern << QLatin1Char('?') + query.join(QLatin1Char('&')) << json << body << 0
                << QString() << QString();
        }
    }
}

void tst_RouteInput::declaredInputIsServed()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, pattern);
    QFETCH(QString, query);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    const auto response = send(method, m_examples->path(route(method, pattern)) + query, headers, body);
    QVERIFY2(response.status >= 200 && response.status < 300, QByteArray(response.head + "\n" + response.body.left(300)).constData());
}

QTEST_GUILESS_MAIN(tst_RouteInput)
#include "tst_routeinput.moc"
