#include "DeliveryHistoryPanel.h"
#include "EndpointDialog.h"
#include "EndpointTableModel.h"
#include "FakeApiServer.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "VisibleChild.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUrlQuery>
#include <QTest>
#include <QTextDocument>

// Drives the real main window against a server that answers with broken, huge or hostile data
// (issue 23): what the admin sees must stay the server's text, never its markup, and a broken
// answer must be reported as such.
class tst_HostileServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    bool m_historyScripted = false; // the test answers the history itself

    static QString endpointId(int n) { return QStringLiteral("whe_0AbCdEfG%1").arg(n, 14, 10, QLatin1Char('0')); }
    static QString deliveryId(int n) { return QStringLiteral("del_0AbCdEfG%1").arg(n, 14, 10, QLatin1Char('0')); }
    static QJsonObject endpoint(const QString &id, const QString &url)
    {
        return {{QStringLiteral("id"), id},
                {QStringLiteral("url"), url},
                {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                {QStringLiteral("enabled"), true},
                {QStringLiteral("created_at"), QStringLiteral("2024-05-01T10:00:00Z")},
                {QStringLiteral("updated_at"), QStringLiteral("2024-05-01T10:00:00Z")}};
    }
    static QByteArray list(const QJsonArray &data)
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact);
    }
    void serveEndpoints(const QJsonArray &endpoints)
    {
        m_server->answerJson("GET", QStringLiteral("/api/integrations/webhooks"), list(endpoints));
    }
    static bool asksForPage(const FakeApiServer::Request &request, const QString &page)
    {
        return QUrlQuery(QString::fromLatin1(request.query)).queryItemValue(QStringLiteral("page")) == page;
    }
    void connectAndSelect(const QString &id)
    {
        const QString history = QStringLiteral("/api/integrations/webhooks/%1/deliveries").arg(id);
        if (m_server->count("GET", history) == 0 && !m_historyScripted)
            m_server->answerJson("GET", history, R"({"data":[],"meta":{"page":1,"per_page":20,"total":0}})");
        connectWindow();
        QTRY_VERIFY(m_window->endpointModel()->rowOf(id) >= 0);
        m_window->selectEndpoint(id);
        QTRY_COMPARE(m_window->currentEndpoint().value_or(EndpointInfo()).id, id);
    }
    void connectWindow()
    {
        m_window->connectTo({QStringLiteral("fake"), m_server->url(), "token", m_server->url().toString()});
    }
    QAction *action(const char *name) { return m_window->findChild<QAction *>(QString::fromLatin1(name)); }
    QLabel *label(const char *name) { return m_window->findChild<QLabel *>(QString::fromLatin1(name)); }
    // What a label puts on screen: its text as plain text, or as Qt renders it when it takes it for HTML.
    static QString onScreen(const QLabel *label)
    {
        const bool rich = label->textFormat() == Qt::RichText
            || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
        if (!rich)
            return label->text();
        QTextDocument document;
        document.setHtml(label->text());
        return document.toPlainText();
    }
    static QString tooltipOnScreen(const QString &tooltip)
    {
        if (!Qt::mightBeRichText(tooltip))
            return tooltip;
        QTextDocument document;
        document.setHtml(tooltip);
        return document.toPlainText();
    }
    static QLabel *messageBoxLabel(QMessageBox *box) { return box->findChild<QLabel *>(QStringLiteral("qt_msgbox_label")); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_hostileserver"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        m_historyScripted = false;
        m_server = std::make_unique<FakeApiServer>();
        QVERIFY(m_server->start());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
    }

    void confirmationsShowTheUrlAsText_data()
    {
        QTest::addColumn<QByteArray>("actionName");
        QTest::addColumn<QString>("boxName");
        QTest::newRow("delete") << QByteArray("actionDelete") << QStringLiteral("confirmDelete");
        QTest::newRow("rotate") << QByteArray("actionRotate") << QStringLiteral("confirmRotate");
    }
    void confirmationsShowTheUrlAsText()
    {
        QFETCH(QByteArray, actionName);
        QFETCH(QString, boxName);
        const QString hostile = QStringLiteral("<a href='http://127.0.0.1:1/phish'>click here</a>");
        serveEndpoints({endpoint(endpointId(1), hostile)});
        connectAndSelect(endpointId(1));
        action(actionName.constData())->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(boxName)) && box->isVisible());
        const QString shown = onScreen(messageBoxLabel(box));
        QVERIFY2(shown.contains(hostile), qPrintable(shown)); // the markup itself, not a link saying "click here"
        QVERIFY(!shown.contains(QStringLiteral(" click here?")));
        box->reject();
    }

    void bidiOverrideInAUrlIsShownNotObeyed()
    {
        serveEndpoints({endpoint(endpointId(1), QStringLiteral("https://evil.example/\u202Egpj.exe"))});
        connectAndSelect(endpointId(1));
        const QModelIndex url = m_window->endpointView()->model()->index(0, EndpointTableModel::UrlColumn);
        QCOMPARE(url.data().toString(), QStringLiteral("https://evil.example/\\u{202E}gpj.exe"));
    }

    void statusBarVersionIsText()
    {
        m_server->answerJson("GET", QStringLiteral("/api/health"), R"({"status":"ok","version":"<b>9.9</b><img src='x'>"})");
        connectWindow();
        QTRY_VERIFY(!label("versionLabel")->text().isEmpty());
        QCOMPARE(onScreen(label("versionLabel")), QStringLiteral("Server <b>9.9</b><img src='x'>"));
    }

    void serverErrorMessageInTheBannerIsText()
    {
        m_server->answerJson("GET", QStringLiteral("/api/integrations/webhooks"),
                             R"({"error":{"code":"boom","message":"<a href='http://127.0.0.1:1/'>log in again</a>"}})", 500);
        connectWindow();
        auto *text = m_window->banner()->findChild<QLabel *>(QStringLiteral("messageText"));
        QTRY_VERIFY(m_window->banner()->isVisible());
        QVERIFY2(onScreen(text).contains(QStringLiteral("<a href='http://127.0.0.1:1/'>log in again</a>")), qPrintable(onScreen(text)));
    }

    void longServerMessageIsShortenedButCopyableInFull()
    {
        const QString message = QStringLiteral("x").repeated(100000) + QStringLiteral("END");
        m_server->answerJson("GET", QStringLiteral("/api/integrations/webhooks"),
                             QJsonDocument(QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("boom")},
                                                                                            {QStringLiteral("message"), message}}}})
                                 .toJson(QJsonDocument::Compact),
                             500);
        connectWindow();
        QTRY_VERIFY(m_window->banner()->isVisible());
        const QString shown = m_window->banner()->text();
        QVERIFY2(shown.size() < 500 && !shown.contains(QStringLiteral("END")), qPrintable(shown.left(500)));
        auto *copy = m_window->banner()->findChild<QToolButton *>(QStringLiteral("copyFullMessage"));
        QVERIFY(copy && copy->isVisible());
        QApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.contains(message), qPrintable(copied.left(200)));
    }

    void endpointTooltipAndEventDescriptionAreText()
    {
        const QString markup = QStringLiteral("<h1>big</h1>");
        m_server->answerJson("GET", QStringLiteral("/api/integrations/event-types"),
                             R"({"data":[{"name":"survey.response.created","description":"<h1>big</h1>","sample":{}}]})");
        serveEndpoints({endpoint(endpointId(1), QStringLiteral("https://hooks.example.com/"))});
        connectAndSelect(endpointId(1));
        const QModelIndex url = m_window->endpointView()->model()->index(0, EndpointTableModel::UrlColumn);
        QCOMPARE(tooltipOnScreen(url.data(Qt::ToolTipRole).toString()), endpointId(1));
        action("actionEdit")->trigger();
        EndpointDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<EndpointDialog>(m_window.get())));
        auto *events = dialog->findChild<QListWidget *>(QStringLiteral("eventList"));
        QCOMPARE(events->count(), 1);
        QCOMPARE(tooltipOnScreen(events->item(0)->toolTip()), markup);
        dialog->reject();
    }
    void answersNotUnderstoodAreReportedAndKeepTheOldList_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray valid = list({endpoint(endpointId(2), QStringLiteral("https://b.example/"))});
        QTest::newRow("data null") << QByteArray(R"({"data":null})");
        QTest::newRow("not an object") << QByteArray("[1,2,3]");
        QTest::newRow("not JSON") << QByteArray("<html>proxy login</html>");
        QTest::newRow("wrong type") << QByteArray(valid).replace("true", "\"yes\"");
        QTest::newRow("empty id") << list({endpoint(QString(), QStringLiteral("https://b.example/"))});
        QTest::newRow("id ..") << list({endpoint(QStringLiteral(".."), QStringLiteral("https://b.example/"))});
        QTest::newRow("duplicate ids") << list({endpoint(endpointId(2), QStringLiteral("https://b.example/")),
                                                endpoint(endpointId(2), QStringLiteral("https://c.example/"))});
        QTest::newRow("URL beyond the API's 2048") << list({endpoint(endpointId(2), QStringLiteral("https://b.example/") + QString(2040, QLatin1Char('a')))});
    }
    void answersNotUnderstoodAreReportedAndKeepTheOldList()
    {
        QFETCH(QByteArray, body);
        serveEndpoints({endpoint(endpointId(1), QStringLiteral("https://a.example/"))});
        connectAndSelect(endpointId(1));
        QTRY_VERIFY(label("connectionLabel")->text().contains(QStringLiteral("Connected to fake")));
        m_server->answerJson("GET", QStringLiteral("/api/integrations/webhooks"), body);
        m_window->reload();
        QTRY_VERIFY(m_window->banner()->isVisible());
        const QString banner = m_window->banner()->text();
        QVERIFY2(banner.contains(QStringLiteral("does not understand")) && banner.contains(QStringLiteral("GET /api/integrations/webhooks")),
                 qPrintable(banner));
        QCOMPARE(m_window->endpointModel()->rowOf(endpointId(1)), 0); // the last good list stays...
        QVERIFY(!m_window->endpointView()->isEnabled());             // ...greyed out as stale
        QTRY_VERIFY(label("connectionLabel")->text().contains(QStringLiteral("out of date")));
        QVERIFY(!action("actionDelete")->isEnabled());
        for (const FakeApiServer::Request &request : m_server->requests()) // nothing acted on an id
            QCOMPARE(request.method, QByteArray("GET"));
    }

    void resetAfterTheStatusIsANetworkError()
    {
        connectWindow();
        QTRY_VERIFY(label("connectionLabel")->text().contains(QStringLiteral("Connected to fake")));
        m_server->answer("GET", QStringLiteral("/api/integrations/webhooks"), {200, R"({"data":[]})", {}, true, 0});
        QStringList described;
        connect(m_window->api(), &ApiClient::failed, this, [&](const ApiFailure &failure) {
            if (failure.url.path() == QLatin1String("/api/integrations/webhooks"))
                described.append(failure.describe());
        });
        m_window->reload();
        QTRY_VERIFY(!described.isEmpty());
        // What the status bar and banner say: the server could not be reached, not "HTTP 200: unexpected answer".
        QVERIFY2(described.first().contains(QStringLiteral("cannot reach the server")), qPrintable(described.first()));
        QVERIFY(!m_window->banner()->text().contains(QStringLiteral("HTTP 200")));
    }

    void hugeAnswerIsAbortedAndReported()
    {
        m_window->api()->setMaxAnswerBytes(1024 * 1024);
        connectWindow();
        QTRY_VERIFY(label("connectionLabel")->text().contains(QStringLiteral("Connected to fake")));
        m_server->answer("GET", QStringLiteral("/api/integrations/webhooks"), {200, {}, {}, false, 50LL * 1024 * 1024});
        m_window->reload();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->banner()->text().contains(QStringLiteral("larger than 1 MiB")), 10000);
    }

    void hugeCountsNeitherWrapNorStorm_data()
    {
        QTest::addColumn<QByteArray>("total");
        QTest::addColumn<QString>("pages");
        QTest::newRow("2^31 - 1") << QByteArray("2147483647") << QStringLiteral("Page 1 of 107374183");
        QTest::newRow("2^62") << QByteArray("4611686018427387904") << QStringLiteral("Page 1 of 230584300921369396");
    }
    void hugeCountsNeitherWrapNorStorm()
    {
        QFETCH(QByteArray, total);
        QFETCH(QString, pages);
        const QString deliveries = QStringLiteral("/api/integrations/webhooks/%1/deliveries").arg(endpointId(1));
        m_server->answerJson("GET", deliveries, R"({"data":[],"meta":{"page":1,"per_page":20,"total":)" + total + "}}");
        m_historyScripted = true;
        serveEndpoints({endpoint(endpointId(1), QStringLiteral("https://a.example/"))});
        m_window->historyPanel()->setAutoRefreshInterval(100);
        connectAndSelect(endpointId(1));
        auto *pageLabel = m_window->historyPanel()->findChild<QLabel *>(QStringLiteral("pageLabel"));
        QTRY_COMPARE(pageLabel->text(), pages);
        // Each refresh asks once for the page and once for the chart (per_page=100); a loop asks far more.
        auto chartRequests = [&] {
            return std::count_if(m_server->requests().cbegin(), m_server->requests().cend(), [&](const FakeApiServer::Request &r) {
                return r.path == deliveries && r.query.contains("per_page=100");
            });
        };
        const qsizetype chartBefore = chartRequests();
        QTRY_VERIFY(chartRequests() >= chartBefore + 3);
        const qsizetype pageRequests = m_server->count("GET", deliveries) - chartRequests();
        QVERIFY2(pageRequests <= chartRequests() + 1, qPrintable(QStringLiteral("%1 page requests").arg(pageRequests)));
    }

    void pagePastTheEndMovesBackOnce()
    {
        const QString deliveries = QStringLiteral("/api/integrations/webhooks/%1/deliveries").arg(endpointId(1));
        QJsonArray twenty;
        for (int i = 0; i < 20; ++i)
            twenty.append(QJsonObject{{QStringLiteral("id"), deliveryId(i)}, {QStringLiteral("event"), QStringLiteral("survey.response.created")},
                                      {QStringLiteral("status"), QStringLiteral("failed")}, {QStringLiteral("attempt_count"), 1},
                                      {QStringLiteral("http_status"), 500}, {QStringLiteral("created_at"), QStringLiteral("2024-05-01T10:00:00Z")}});
        const QByteArray firstPage = QJsonDocument(QJsonObject{{QStringLiteral("data"), twenty},
                                                               {QStringLiteral("meta"), QJsonObject{{QStringLiteral("page"), 1}, {QStringLiteral("per_page"), 20}, {QStringLiteral("total"), 40}}}})
                                         .toJson(QJsonDocument::Compact);
        m_server->answerWith("GET", deliveries, [firstPage](const FakeApiServer::Request &request) {
            // Retries shrank the history to one page after the first answer counted two.
            return asksForPage(request, QStringLiteral("2")) ? FakeApiServer::jsonAnswer(R"({"error":{"code":"invalid_value","message":"page out of range"}})", 422)
                                                    : FakeApiServer::jsonAnswer(firstPage);
        });
        m_historyScripted = true;
        serveEndpoints({endpoint(endpointId(1), QStringLiteral("https://a.example/"))});
        m_window->historyPanel()->setAutoRefreshInterval(100);
        connectAndSelect(endpointId(1));
        auto *pageLabel = m_window->historyPanel()->findChild<QLabel *>(QStringLiteral("pageLabel"));
        QTRY_COMPARE(pageLabel->text(), QStringLiteral("Page 1 of 2"));
        auto pageTwoRequests = [&] {
            return std::count_if(m_server->requests().cbegin(), m_server->requests().cend(),
                                 [](const FakeApiServer::Request &r) { return asksForPage(r, QStringLiteral("2")); });
        };
        m_window->historyPanel()->findChild<QToolButton *>(QStringLiteral("nextPage"))->click();
        QTRY_COMPARE(pageTwoRequests(), 1);
        QTRY_COMPARE(m_window->historyPanel()->page(), qint64(1)); // back on the last page that exists
        const qsizetype before = m_server->requests().size();
        QTRY_VERIFY(m_server->requests().size() >= before + 6); // a few auto-refreshes later...
        QCOMPARE(pageTwoRequests(), 1);                         // ...page 2 was never asked for again
    }

    void windowLargerThanTheScreenIsNotSaved()
    {
        m_window->resize(32767, 4000);
        m_window->close();
        MainWindow next;
        const QSize screen = next.screen()->availableGeometry().size().expandedTo(QSize(1280, 760));
        QVERIFY2(next.width() <= screen.width() && next.height() <= screen.height(),
                 qPrintable(QStringLiteral("%1x%2").arg(next.width()).arg(next.height())));
    }
};

QTEST_MAIN(tst_HostileServer)
#include "tst_hostileserver.moc"
