#include "ApiTestClient.h"
#include "RawHttpClient.h"
#include "TestReceiver.h"
#include "TestServer.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

// Tokens and secrets never reach a log, not even with every logging category switched on
// (QtHttpServer's debug output prints whole requests, Authorization header included).
class tst_SensitiveLogFilter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void httpServerDebugStaysOffWhenEverythingIsOn();
    void noTokenOrSecretInAnyLogLine();
};

namespace {

QMutex logMutex;
QStringList capturedLines;
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLines << QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message;
    }
    if (type != QtDebugMsg && previousHandler)
        previousHandler(type, context, message);
}

QString capturedText()
{
    QMutexLocker lock(&logMutex);
    return capturedLines.join(QLatin1Char('\n'));
}

} // namespace

void tst_SensitiveLogFilter::initTestCase()
{
    previousHandler = qInstallMessageHandler(capture);
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\n*.info=true"));
}

void tst_SensitiveLogFilter::cleanupTestCase()
{
    QLoggingCategory::setFilterRules(QString());
    qInstallMessageHandler(previousHandler);
}

void tst_SensitiveLogFilter::httpServerDebugStaysOffWhenEverythingIsOn()
{
    TestServer server; // starting a server installs the filter
    QVERIFY(server.start());
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\n*.info=true")); // re-applied after install
    const QLoggingCategory httpServer("qt.httpserver");
    const QLoggingCategory request("qt.httpserver.request");
    const QLoggingCategory control("ena.test.control");
    QVERIFY(control.isDebugEnabled()); // the rule is in force
    QVERIFY(!httpServer.isDebugEnabled());
    QVERIFY(!request.isDebugEnabled());
    QVERIFY(httpServer.isWarningEnabled());
}

void tst_SensitiveLogFilter::noTokenOrSecretInAnyLogLine()
{
    TestReceiver receiver;
    QTemporaryDir dir;
    const QByteArray publishToken = "publish-token-Zq81xYv0";
    QFile publishFile(QDir(dir.path()).filePath(QStringLiteral("publish")));
    QVERIFY(publishFile.open(QIODevice::WriteOnly));
    publishFile.write(publishToken + '\n');
    publishFile.close();
    TestServer server([&](ServerConfig &c) { c.publishTokenFile = publishFile.fileName(); });
    QVERIFY(server.start());
    ApiTestClient admin(server.url(QStringLiteral("/")), server.token());

    const auto created = admin.post(QStringLiteral("/api/integrations/webhooks"),
                                    {{QStringLiteral("url"), receiver.url().toString()},
                                     {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}});
    QCOMPARE(created.status, 201);
    const QString id = created.json()[QStringLiteral("id")].toString();
    const auto rotated = admin.post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/rotate-secret"));
    QCOMPARE(rotated.status, 200);
    ApiTestClient publisher(server.url(QStringLiteral("/")), publishToken);
    QCOMPARE(publisher.post(QStringLiteral("/api/events"), {{QStringLiteral("type"), QStringLiteral("survey.response.created")},
                                                           {QStringLiteral("data"), QJsonObject()}}).status, 202);
    QVERIFY(receiver.waitForRequests(1));
    QCOMPARE(admin.get(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/deliveries")).status, 200);
    const QByteArray wrongToken = "wrong-token-Kx93Lq";
    ApiTestClient guesser(server.url(QStringLiteral("/")), wrongToken);
    QCOMPARE(guesser.get(QStringLiteral("/api/integrations/webhooks")).status, 401);
    RawHttpClient raw(server.server().port()); // a request QtHttpServer's parser rejects, token included
    raw.send("GET /api/integrations/webhooks HTTP/1.1\r\nAuthorization: Bearer " + wrongToken + "\r\nBad Header\r\n\r\n");
    QVERIFY(raw.waitForClosed(3000));
    QTest::qWait(100);

    const QString log = capturedText();
    QVERIFY2(log.contains(QLatin1String("admin token generated into")), "the capture saw the server's log");
    const QStringList secrets{created.json()[QStringLiteral("secret")].toString(), rotated.json()[QStringLiteral("secret")].toString()};
    for (const QString &secret : secrets) {
        QVERIFY(secret.startsWith(QLatin1String("whs_")));
        QVERIFY2(!log.contains(secret.mid(4)), "an endpoint secret is in the log");
    }
    for (const QByteArray &token : {server.token(), publishToken, wrongToken})
        QVERIFY2(!log.contains(QString::fromLatin1(token)), qPrintable(QStringLiteral("a token is in the log")));
    QVERIFY(!log.contains(QLatin1String("Authorization"), Qt::CaseInsensitive));
}

QTEST_GUILESS_MAIN(tst_SensitiveLogFilter)
#include "tst_sensitivelogfilter.moc"
