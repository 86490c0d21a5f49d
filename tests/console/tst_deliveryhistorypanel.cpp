#include "ApiClient.h"
#include "ApiTestClient.h"
#include "DeliveryFilterBar.h"
#include "DeliveryHistoryPanel.h"
#include "DeliveryTableModel.h"
#include "HistorySeeder.h"
#include "TestServer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUrlQuery>

// The history panel against a real in-process server whose history is seeded straight into
// its database, so there is more than one page and the tests know every row.
class tst_DeliveryHistoryPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<DeliveryHistoryPanel> m_panel;
    EndpointInfo m_endpoint;
    qint64 m_nextCreatedAt = 0;

    QString pageText() { return m_panel->findChild<QLabel *>(QStringLiteral("pageLabel"))->text(); }
    QToolButton *button(const char *name) { return m_panel->findChild<QToolButton *>(QString::fromLatin1(name)); }
    QCheckBox *autoRefresh() { return m_panel->findChild<QCheckBox *>(QStringLiteral("autoRefresh")); }

    // Each seeded delivery is a minute newer than the one before, so the order is unambiguous.
    QString seed()
    {
        m_nextCreatedAt += 60'000;
        return HistorySeeder(m_server->dataDir()).addDelivery(m_endpoint.id, m_nextCreatedAt, DeliveryStatus::Failed, 2, 500);
    }
    QStringList shownIds() const
    {
        QStringList ids;
        for (int row = 0; row < m_panel->model()->rowCount(); ++row)
            ids.append(m_panel->model()->delivery(row).id);
        return ids;
    }
    // What the server itself lists on that page: the rows the table must show.
    QStringList serverPage(int page)
    {
        const auto reply = m_client->get(QStringLiteral("/api/integrations/webhooks/%1/deliveries?page=%2&per_page=20")
                                             .arg(m_endpoint.id)
                                             .arg(page));
        QStringList ids;
        for (const QJsonValue &delivery : reply.data())
            ids.append(delivery.toObject().value(QStringLiteral("id")).toString());
        return ids;
    }
    // The page asked for by the newest table request; the chart's own request (100 of any
    // status) does not count.
    static QString requestedPage(const QSignalSpy &sent)
    {
        for (qsizetype i = sent.size() - 1; i >= 0; --i) {
            const QUrlQuery query(sent.at(i).at(1).toUrl());
            if (query.queryItemValue(QStringLiteral("per_page")) == QLatin1String("20"))
                return query.queryItemValue(QStringLiteral("page"));
        }
        return {};
    }
    static qsizetype deliveryRequests(const QSignalSpy &sent)
    {
        return std::count_if(sent.cbegin(), sent.cend(), [](const QList<QVariant> &args) {
            return args.at(1).toUrl().path().contains(QLatin1String("/deliveries"));
        });
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        m_client = std::make_unique<ApiTestClient>(m_server->url(QString()), m_server->token());
        const auto created = m_client->post(QStringLiteral("/api/integrations/webhooks"),
                                            {{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/history")},
                                             {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}});
        QCOMPARE(created.status, 201);
        m_endpoint = EndpointInfo::fromJson(created.json());
        m_nextCreatedAt = QDateTime::currentMSecsSinceEpoch() - 24LL * 3600 * 1000;
        m_api = std::make_unique<ApiClient>();
        m_api->setConnection(m_server->url(QString()), m_server->token());
        m_panel = std::make_unique<DeliveryHistoryPanel>(m_api.get());
        m_panel->resize(900, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_api.reset();
        m_client.reset();
        m_server.reset();
    }

    void nextAndPreviousWalkThroughThePages()
    {
        for (int i = 0; i < 45; ++i)
            seed();
        m_panel->setEndpoint(m_endpoint);
        QTRY_COMPARE(pageText(), QStringLiteral("Page 1 of 3"));
        QCOMPARE(shownIds(), serverPage(1));
        QCOMPARE(shownIds().size(), 20);
        QVERIFY(!button("previousPage")->isEnabled());
        QVERIFY(button("nextPage")->isEnabled());

        QSignalSpy sent(m_api.get(), &ApiClient::requestSent);
        QTest::mouseClick(button("nextPage"), Qt::LeftButton);
        QTRY_COMPARE(pageText(), QStringLiteral("Page 2 of 3"));
        QCOMPARE(requestedPage(sent), QStringLiteral("2"));
        QCOMPARE(shownIds(), serverPage(2));
        QVERIFY(button("previousPage")->isEnabled());

        QTest::mouseClick(button("nextPage"), Qt::LeftButton);
        QTRY_COMPARE(pageText(), QStringLiteral("Page 3 of 3"));
        QCOMPARE(requestedPage(sent), QStringLiteral("3"));
        QCOMPARE(shownIds(), serverPage(3));
        QCOMPARE(shownIds().size(), 5);
        QVERIFY(!button("nextPage")->isEnabled());

        QTest::mouseClick(button("previousPage"), Qt::LeftButton);
        QTRY_COMPARE(pageText(), QStringLiteral("Page 2 of 3"));
        QCOMPARE(requestedPage(sent), QStringLiteral("2"));
        QCOMPARE(shownIds(), serverPage(2));
    }

    void changingAFilterGoesBackToTheFirstPage()
    {
        for (int i = 0; i < 25; ++i)
            seed();
        m_panel->setEndpoint(m_endpoint);
        QTRY_COMPARE(pageText(), QStringLiteral("Page 1 of 2"));
        QTest::mouseClick(button("nextPage"), Qt::LeftButton);
        QTRY_COMPARE(pageText(), QStringLiteral("Page 2 of 2"));

        QSignalSpy sent(m_api.get(), &ApiClient::requestSent);
        auto *status = m_panel->filterBar()->findChild<QComboBox *>(QStringLiteral("statusCombo"));
        status->setCurrentIndex(status->findData(int(DeliveryInfo::Status::Failed)));
        QTRY_COMPARE(requestedPage(sent), QStringLiteral("1"));
        QTRY_COMPARE(pageText(), QStringLiteral("Page 1 of 2"));
        QCOMPARE(shownIds(), serverPage(1));
    }

    void autoRefreshShowsNewDeliveriesUntilPaused()
    {
        seed();
        m_panel->setAutoRefreshInterval(200);
        m_panel->setEndpoint(m_endpoint);
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);

        const QString arrived = seed();
        QTRY_VERIFY_WITH_TIMEOUT(shownIds().contains(arrived), 2000); // nobody pressed anything

        QTest::mouseClick(autoRefresh(), Qt::LeftButton);
        QVERIFY(!autoRefresh()->isChecked());
        QTest::qWait(250); // an answer already on its way may still land
        QSignalSpy sent(m_api.get(), &ApiClient::requestSent);
        const QString whilePaused = seed();
        QTest::qWait(1000); // five intervals
        QCOMPARE(deliveryRequests(sent), 0);
        QVERIFY(!shownIds().contains(whilePaused));

        QTest::mouseClick(autoRefresh(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(shownIds().contains(whilePaused), 2000);
    }

    void autoRefreshRestsWhileHidden()
    {
        seed();
        m_panel->setAutoRefreshInterval(200);
        m_panel->setEndpoint(m_endpoint);
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);
        m_panel->hide();
        QTest::qWait(250);
        QSignalSpy sent(m_api.get(), &ApiClient::requestSent);
        QTest::qWait(1000);
        QCOMPARE(deliveryRequests(sent), 0);

        const QString arrived = seed();
        m_panel->show();
        QTRY_VERIFY_WITH_TIMEOUT(shownIds().contains(arrived), 2000);
    }
};

QTEST_MAIN(tst_DeliveryHistoryPanel)
#include "tst_deliveryhistorypanel.moc"
