#include "Router.h"
#include "TestServer.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

// docs/openapi.yaml describes exactly the routes the server registers: every route is in the
// document and every path + method of the document is a route.
class tst_OpenApi : public QObject
{
    Q_OBJECT
private slots:
    void documentMatchesRegisteredRoutes();
    void documentsEveryPathParameterAndVersion();

private:
    static QByteArray document();
    // "GET /api/x/{id}" for every method under "paths:" (a path at two spaces, methods at four).
    static QSet<QString> documentedOperations(const QByteArray &yaml);
    static QSet<QString> registeredOperations();
};

QByteArray tst_OpenApi::document()
{
    QFile file(QStringLiteral(ENA_SOURCE_DIR "/docs/openapi.yaml"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

QSet<QString> tst_OpenApi::documentedOperations(const QByteArray &yaml)
{
    static const QRegularExpression path(QStringLiteral(R"(^  (/\S*):\s*$)"));
    static const QRegularExpression method(QStringLiteral(R"(^    (get|put|post|patch|delete|head|options|trace):\s*$)"));
    static const QRegularExpression topLevel(QStringLiteral(R"(^\S)"));
    QSet<QString> operations;
    bool inPaths = false;
    QString current;
    for (const QString &line : QString::fromUtf8(yaml).split(QLatin1Char('\n'))) {
        if (topLevel.match(line).hasMatch() && !line.startsWith(QLatin1Char('#'))) {
            inPaths = line.startsWith(QLatin1String("paths:"));
            continue;
        }
        if (!inPaths)
            continue;
        if (const auto m = path.match(line); m.hasMatch())
            current = m.captured(1);
        else if (const auto m2 = method.match(line); m2.hasMatch() && !current.isEmpty())
            operations.insert(m2.captured(1).toUpper() + QLatin1Char(' ') + current);
    }
    return operations;
}

QSet<QString> tst_OpenApi::registeredOperations()
{
    TestServer server;
    if (!server.start())
        qFatal("test server did not start");
    static const QRegularExpression param(QStringLiteral(":([A-Za-z0-9_]+)"));
    QSet<QString> operations;
    for (const Router::Route &route : server.server().router().routes())
        operations.insert(QString::fromLatin1(route.method) + QLatin1Char(' ') + QString(route.pattern).replace(param, QStringLiteral("{\\1}")));
    return operations;
}

void tst_OpenApi::documentMatchesRegisteredRoutes()
{
    const QSet<QString> documented = documentedOperations(document());
    const QSet<QString> registered = registeredOperations();
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
    const QByteArray yaml = document();
    QVERIFY(yaml.startsWith("openapi: 3.1."));
    // info.version is the project version, like /api/health and the packages.
    QVERIFY(yaml.contains("\n  version: " ENA_PROJECT_VERSION "\n"));
    // Every "{name}" of a path is declared: inline ("name: x" with "in: path") or through a
    // components parameter of that name.
    static const QRegularExpression braces(QStringLiteral(R"(\{([A-Za-z0-9_]+)\})"));
    QSet<QString> names;
    for (const QString &operation : documentedOperations(yaml)) {
        for (auto it = braces.globalMatch(operation); it.hasNext();)
            names.insert(it.next().captured(1));
    }
    QVERIFY(!names.isEmpty());
    for (const QString &name : names) {
        const QByteArray declared = "name: " + name.toUtf8() + "\n      in: path\n";
        QVERIFY2(yaml.contains(declared), qPrintable(QStringLiteral("path parameter %1 is not declared").arg(name)));
    }
}

QTEST_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
