#include "DeliveryChart.h"

#include "DeliveryTableModel.h"

#include <QLocale>
#include <QPainter>

namespace {
constexpr int bucketCount = 24;
constexpr int legendHeight = 20;
constexpr int axisHeight = 16;
} // namespace

DeliveryChart::DeliveryChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("deliveryChart"));
    setToolTip(tr("The endpoint's most recent deliveries over time, by outcome"));
}

QSize DeliveryChart::sizeHint() const
{
    return {480, 120};
}

QSize DeliveryChart::minimumSizeHint() const
{
    return {200, 80};
}

void DeliveryChart::setDeliveries(const QList<DeliveryInfo> &deliveries)
{
    m_buckets = bucketize(deliveries, bucketCount);
    update();
}

QList<DeliveryChart::Bucket> DeliveryChart::bucketize(const QList<DeliveryInfo> &deliveries, int count)
{
    if (deliveries.isEmpty() || count <= 0)
        return {};
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    for (const DeliveryInfo &delivery : deliveries) {
        first = qMin(first, delivery.createdAt.toMSecsSinceEpoch());
        last = qMax(last, delivery.createdAt.toMSecsSinceEpoch());
    }
    const qint64 width = qMax<qint64>(1, (last - first + 1 + count - 1) / count);
    QList<Bucket> buckets(count);
    for (int i = 0; i < count; ++i)
        buckets[i].start = QDateTime::fromMSecsSinceEpoch(first + i * width, Qt::UTC);
    for (const DeliveryInfo &delivery : deliveries) {
        const int i = int(qMin<qint64>(count - 1, (delivery.createdAt.toMSecsSinceEpoch() - first) / width));
        Bucket &bucket = buckets[i];
        if (delivery.status == DeliveryInfo::Status::Delivered)
            ++bucket.delivered;
        else if (delivery.status == DeliveryInfo::Status::Failed)
            ++bucket.failed;
        else
            ++bucket.pending;
    }
    return buckets;
}

void DeliveryChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect area = rect().adjusted(4, 4, -4, -4);
    paintLegend(painter, area);
    if (m_buckets.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter, tr("No deliveries yet"));
        return;
    }
    paintBars(painter, area.adjusted(0, legendHeight, 0, 0));
}

void DeliveryChart::paintLegend(QPainter &painter, const QRect &area) const
{
    const QList<DeliveryInfo::Status> statuses{DeliveryInfo::Status::Delivered, DeliveryInfo::Status::Failed,
                                               DeliveryInfo::Status::Pending};
    int x = area.left();
    for (DeliveryInfo::Status status : statuses) {
        painter.fillRect(QRect(x, area.top() + 4, 10, 10), DeliveryTableModel::statusColor(status));
        const QString label = DeliveryTableModel::statusText(status);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QPoint(x + 14, area.top() + 13), label);
        x += 24 + painter.fontMetrics().horizontalAdvance(label);
    }
}

void DeliveryChart::paintBars(QPainter &painter, const QRect &area) const
{
    int highest = 1;
    for (const Bucket &bucket : m_buckets)
        highest = qMax(highest, bucket.total());
    const QRect plot = area.adjusted(0, 0, 0, -axisHeight);
    const qreal slot = qreal(plot.width()) / m_buckets.size();
    const qreal barWidth = qMax<qreal>(2, slot * 0.7);
    for (int i = 0; i < m_buckets.size(); ++i) {
        const Bucket &bucket = m_buckets.at(i);
        qreal bottom = plot.bottom();
        const qreal x = plot.left() + i * slot + (slot - barWidth) / 2;
        const QList<QPair<int, DeliveryInfo::Status>> parts{{bucket.delivered, DeliveryInfo::Status::Delivered},
                                                            {bucket.failed, DeliveryInfo::Status::Failed},
                                                            {bucket.pending, DeliveryInfo::Status::Pending}};
        for (const auto &[count, status] : parts) {
            const qreal height = qreal(plot.height()) * count / highest;
            painter.fillRect(QRectF(x, bottom - height, barWidth, height), DeliveryTableModel::statusColor(status));
            bottom -= height;
        }
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(palette().color(QPalette::WindowText));
    const QLocale locale;
    const QRect axis(area.left(), plot.bottom() + 2, area.width(), axisHeight);
    painter.drawText(axis, Qt::AlignLeft | Qt::AlignVCenter,
                     locale.toString(m_buckets.first().start.toLocalTime(), QLocale::ShortFormat));
    painter.drawText(axis, Qt::AlignRight | Qt::AlignVCenter,
                     locale.toString(m_buckets.last().start.toLocalTime(), QLocale::ShortFormat));
    painter.drawText(axis, Qt::AlignHCenter | Qt::AlignVCenter, tr("max %n per bar", nullptr, highest));
}
