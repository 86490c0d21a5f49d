#include "DeliveryFilter.h"

#include <QTest>
#include <QTimeZone>

class tst_DeliveryFilter : public QObject
{
    Q_OBJECT
private slots:
    void mapsOneToOneToQueryParameters_data()
    {
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<int>("status"); // -1: any
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("perPage");
        QTest::addColumn<QString>("query");
        const QDateTime june7 = QDateTime(QDate(2026, 6, 7), QTime(10, 0), Qt::UTC);
        QTest::newRow("defaults") << QDateTime() << QDateTime() << -1 << 1 << 20 << QStringLiteral("page=1&per_page=20");
        QTest::newRow("from only") << june7 << QDateTime() << -1 << 1 << 20
                                   << QStringLiteral("from=2026-06-07T10:00:00Z&page=1&per_page=20");
        QTest::newRow("everything") << june7 << june7.addDays(1) << int(DeliveryInfo::Status::Failed) << 3 << 100
                                    << QStringLiteral("from=2026-06-07T10:00:00Z&to=2026-06-08T10:00:00Z&status=failed&page=3&per_page=100");
        QTest::newRow("pending") << QDateTime() << QDateTime() << int(DeliveryInfo::Status::Pending) << 2 << 10
                                 << QStringLiteral("status=pending&page=2&per_page=10");
        QTest::newRow("local time becomes UTC")
            << QDateTime(QDate(2026, 6, 7), QTime(12, 0), QTimeZone(7200)) << QDateTime() << int(DeliveryInfo::Status::Delivered)
            << 1 << 50 << QStringLiteral("from=2026-06-07T10:00:00Z&status=delivered&page=1&per_page=50");
    }
    void mapsOneToOneToQueryParameters()
    {
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(int, status);
        QFETCH(int, page);
        QFETCH(int, perPage);
        QFETCH(QString, query);
        DeliveryFilter filter;
        filter.from = from;
        filter.to = to;
        if (status >= 0)
            filter.status = DeliveryInfo::Status(status);
        filter.page = page;
        filter.perPage = perPage;
        QCOMPARE(filter.toQuery().toString(QUrl::FullyDecoded), query);
    }
};

QTEST_MAIN(tst_DeliveryFilter)
#include "tst_deliveryfilter.moc"
