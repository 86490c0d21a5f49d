#pragma once

#include "DeliveryInfo.h"

#include <QWidget>

// Deliveries over time as stacked bars per time bucket (delivered / failed / pending), drawn
// with QPainter so the console needs no chart module.
class DeliveryChart : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryChart(QWidget *parent = nullptr);

    void setDeliveries(const QList<DeliveryInfo> &deliveries);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    struct Bucket
    {
        QDateTime start;
        int delivered = 0;
        int failed = 0;
        int pending = 0;
        int total() const { return delivered + failed + pending; }
    };
    const QList<Bucket> &buckets() const { return m_buckets; }
    // Spreads deliveries over bucketCount equal time slices from the oldest to the newest.
    static QList<Bucket> bucketize(const QList<DeliveryInfo> &deliveries, int bucketCount);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintLegend(QPainter &painter, const QRect &area) const;
    void paintBars(QPainter &painter, const QRect &area) const;

    QList<Bucket> m_buckets;
};
