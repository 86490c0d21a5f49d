#include "Router.h"

#include <QTest>

class tst_Router : public QObject
{
    Q_OBJECT
private slots:
    void match_data();
    void match();
};

void tst_Router::match_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("pattern");   // empty: no route
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("allowed");
    QTest::newRow("list") << QByteArray("GET") << QStringLiteral("/api/x") << QStringLiteral("/api/x") << QString() << QByteArray();
    QTest::newRow("trailing slash") << QByteArray("GET") << QStringLiteral("/api/x/") << QStringLiteral("/api/x") << QString() << QByteArray();
    QTest::newRow("param") << QByteArray("PATCH") << QStringLiteral("/api/x/whe_1") << QStringLiteral("/api/x/:id") << QStringLiteral("whe_1") << QByteArray();
    QTest::newRow("nested") << QByteArray("POST") << QStringLiteral("/api/x/whe_2/retry") << QStringLiteral("/api/x/:id/retry") << QStringLiteral("whe_2") << QByteArray();
    QTest::newRow("wrong method") << QByteArray("PUT") << QStringLiteral("/api/x/whe_1") << QString() << QString() << QByteArray("GET, PATCH");
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/api/y") << QString() << QString() << QByteArray();
    QTest::newRow("too deep") << QByteArray("GET") << QStringLiteral("/api/x/a/b/c") << QString() << QString() << QByteArray();
}

void tst_Router::match()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, pattern);
    QFETCH(QString, id);
    QFETCH(QByteArray, allowed);
    Router router;
    const auto handler = [](const ApiRequest &) { return ApiResponse::noContent(); };
    router.add("GET", QStringLiteral("/api/x"), Router::Access::Admin, {}, handler);
    router.add("GET", QStringLiteral("/api/x/:id"), Router::Access::Admin, {}, handler);
    router.add("PATCH", QStringLiteral("/api/x/:id"), Router::Access::Admin, {}, handler);
    router.add("POST", QStringLiteral("/api/x/:id/retry"), Router::Access::Admin, {}, handler);

    const Router::Match result = router.match(method, path);
    QCOMPARE(result.route ? result.route->pattern : QString(), pattern);
    QCOMPARE(result.params.value(QStringLiteral("id")), id);
    QCOMPARE(result.allowedMethods.join(", "), allowed);
}

QTEST_GUILESS_MAIN(tst_Router)
#include "tst_router.moc"
