#include "DeliveryChart.h"

#include <QImage>
#include <QTest>

class tst_DeliveryChart : public QObject
{
    Q_OBJECT

    static DeliveryInfo at(qint64 minutes, DeliveryInfo::Status status)
    {
        DeliveryInfo d;
        d.createdAt = QDateTime(QDate(2026, 6, 7), QTime(10, 0), Qt::UTC).addSecs(minutes * 60);
        d.status = status;
        return d;
    }

private slots:
    void bucketsCountOutcomesOverTime()
    {
        using S = DeliveryInfo::Status;
        const auto buckets = DeliveryChart::bucketize(
            {at(0, S::Delivered), at(1, S::Failed), at(59, S::Pending), at(60, S::Failed), at(60, S::Delivered)}, 4);
        QCOMPARE(buckets.size(), 4);
        QCOMPARE(buckets.at(0).delivered, 1);
        QCOMPARE(buckets.at(0).failed, 1);
        QCOMPARE(buckets.at(3).pending, 1);
        QCOMPARE(buckets.at(3).failed, 1);
        QCOMPARE(buckets.at(3).delivered, 1);
        int total = 0;
        for (const auto &bucket : buckets)
            total += bucket.total();
        QCOMPARE(total, 5);
        QVERIFY(buckets.at(0).start < buckets.at(1).start);
    }

    void oneMomentIsOneBucket()
    {
        const auto buckets = DeliveryChart::bucketize({at(5, DeliveryInfo::Status::Failed), at(5, DeliveryInfo::Status::Failed)}, 24);
        QCOMPARE(buckets.at(0).failed, 2);
    }

    void nothingToDraw()
    {
        QVERIFY(DeliveryChart::bucketize({}, 24).isEmpty());
    }

    void paintsBarsInTheOutcomeColors()
    {
        DeliveryChart chart;
        chart.resize(300, 120);
        chart.setDeliveries({at(0, DeliveryInfo::Status::Failed), at(10, DeliveryInfo::Status::Failed)});
        const QImage image = chart.grab().toImage();
        bool sawRed = false;
        for (int y = 0; y < image.height() && !sawRed; ++y)
            for (int x = 0; x < image.width() && !sawRed; ++x)
                sawRed = image.pixelColor(x, y) == QColor(0xd9, 0x3f, 0x3f);
        QVERIFY(sawRed);
    }
};

QTEST_MAIN(tst_DeliveryChart)
#include "tst_deliverychart.moc"
