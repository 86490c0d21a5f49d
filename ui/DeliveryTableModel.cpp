#include "DeliveryTableModel.h"

#include "ServerText.h"
#include <QColor>
#include <QLocale>

namespace {
// The locale's short format plus seconds: deliveries and their retries are seconds apart.
QString timeText(const QDateTime &time)
{
    const QLocale locale;
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1String(":ss")))
        format.replace(QLatin1String("mm"), QLatin1String("mm:ss"));
    return locale.toString(time.toLocalTime(), format);
}
} // namespace

DeliveryTableModel::DeliveryTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int DeliveryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_deliveries.size());
}

int DeliveryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeliveryTableModel::statusText(DeliveryInfo::Status status)
{
    switch (status) {
    case DeliveryInfo::Status::Delivered:
        return tr("Delivered");
    case DeliveryInfo::Status::Failed:
        return tr("Failed");
    case DeliveryInfo::Status::Pending:
        break;
    }
    return tr("Pending");
}

QColor DeliveryTableModel::statusColor(DeliveryInfo::Status status)
{
    // Mid-tone colours that stay readable on both light and dark themes.
    switch (status) {
    case DeliveryInfo::Status::Delivered:
        return QColor(0x2e, 0x9e, 0x4f);
    case DeliveryInfo::Status::Failed:
        return QColor(0xd9, 0x3f, 0x3f);
    case DeliveryInfo::Status::Pending:
        break;
    }
    return QColor(0xd0, 0x8c, 0x1a);
}

QIcon DeliveryTableModel::statusIcon(DeliveryInfo::Status status)
{
    switch (status) {
    case DeliveryInfo::Status::Delivered:
        return QIcon(QStringLiteral(":/console/icons/status-delivered.svg"));
    case DeliveryInfo::Status::Failed:
        return QIcon(QStringLiteral(":/console/icons/status-failed.svg"));
    case DeliveryInfo::Status::Pending:
        break;
    }
    return QIcon(QStringLiteral(":/console/icons/status-pending.svg"));
}

QVariant DeliveryTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeliveryInfo &delivery = m_deliveries.at(index.row());
    const bool statusColumn = index.column() == StatusColumn;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(delivery, index.column());
    case Qt::DecorationRole:
        return statusColumn ? QVariant(statusIcon(delivery.status)) : QVariant();
    case Qt::ForegroundRole:
        return statusColumn ? QVariant(statusColor(delivery.status)) : QVariant();
    case Qt::ToolTipRole:
        return delivery.lastError.isEmpty() ? QVariant() : QVariant(ServerText::tooltip(delivery.lastError));
    case IdRole:
        return delivery.id;
    case StatusRole:
        return int(delivery.status);
    default:
        return {};
    }
}

QVariant DeliveryTableModel::displayData(const DeliveryInfo &delivery, int column) const
{
    switch (column) {
    case IdColumn:
        return delivery.test ? tr("%1 (test)").arg(ServerText::plain(delivery.id, ServerText::kShortMax))
                             : ServerText::plain(delivery.id, ServerText::kShortMax);
    case EventColumn:
        return ServerText::plain(delivery.event, ServerText::kShortMax);
    case StatusColumn:
        return statusText(delivery.status);
    case HttpStatusColumn:
        return delivery.httpStatus ? QVariant(*delivery.httpStatus) : QVariant(QStringLiteral("–"));
    case AttemptsColumn:
        return delivery.attemptCount;
    case CreatedColumn:
        return timeText(delivery.createdAt);
    case DeliveredColumn:
        return delivery.deliveredAt.isValid() ? timeText(delivery.deliveredAt) : QStringLiteral("–");
    default:
        return {};
    }
}

QVariant DeliveryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case EventColumn:
        return tr("Event");
    case StatusColumn:
        return tr("Status");
    case HttpStatusColumn:
        return tr("HTTP");
    case AttemptsColumn:
        return tr("Attempts");
    case CreatedColumn:
        return tr("Created");
    case DeliveredColumn:
        return tr("Delivered at");
    default:
        return {};
    }
}

void DeliveryTableModel::setDeliveries(const QList<DeliveryInfo> &deliveries)
{
    if (!sameIds(deliveries)) {
        beginResetModel();
        m_deliveries = deliveries;
        endResetModel();
        return;
    }
    m_deliveries = deliveries;
    if (!m_deliveries.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_deliveries.size()) - 1, ColumnCount - 1));
}

bool DeliveryTableModel::sameIds(const QList<DeliveryInfo> &deliveries) const
{
    if (deliveries.size() != m_deliveries.size())
        return false;
    for (qsizetype i = 0; i < deliveries.size(); ++i)
        if (deliveries.at(i).id != m_deliveries.at(i).id)
            return false;
    return true;
}

void DeliveryTableModel::update(const DeliveryInfo &delivery)
{
    const int row = rowOf(delivery.id);
    if (row < 0)
        return;
    m_deliveries[row] = delivery;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int DeliveryTableModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_deliveries.size(); ++row)
        if (m_deliveries.at(row).id == id)
            return row;
    return -1;
}
