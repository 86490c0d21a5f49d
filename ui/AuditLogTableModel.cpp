#include "AuditLogTableModel.h"

#include "ServerText.h"
#include <QLocale>

AuditLogTableModel::AuditLogTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AuditLogTableModel::setEntries(const QList<AuditLogEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QString AuditLogTableModel::actionText(const QString &action)
{
    static const QList<QPair<const char *, const char *>> names{
        {"endpoint.created", QT_TR_NOOP("Endpoint created")},
        {"endpoint.updated", QT_TR_NOOP("Endpoint updated")},
        {"endpoint.deleted", QT_TR_NOOP("Endpoint deleted")},
        {"endpoint.secret_rotated", QT_TR_NOOP("Secret rotated")},
        {"endpoint.test_sent", QT_TR_NOOP("Test event sent")},
        {"delivery.retried", QT_TR_NOOP("Delivery retried")},
    };
    for (const auto &[code, name] : names)
        if (action == QLatin1String(code))
            return tr(name);
    return action; // a newer server's action still says what happened
}

int AuditLogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditLogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditLogEntry &entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole)
        return display(entry, index.column());
    if (role == Qt::ToolTipRole && index.column() == ActionColumn)
        return ServerText::tooltip(entry.action, ServerText::kShortMax);
    if (role == Qt::ToolTipRole && index.column() == TimeColumn)
        return entry.at.toUTC().toString(Qt::ISODate);
    return {};
}

QVariant AuditLogTableModel::display(const AuditLogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat);
    case ActionColumn:
        return actionText(entry.action);
    case EndpointColumn:
        return ServerText::plain(entry.endpointId, ServerText::kShortMax);
    case DeliveryColumn:
        return ServerText::plain(entry.deliveryId, ServerText::kShortMax);
    case AddressColumn:
        return ServerText::plain(entry.remoteAddress, ServerText::kShortMax);
    default:
        return {};
    }
}

QVariant AuditLogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Action");
    case EndpointColumn:
        return tr("Endpoint");
    case DeliveryColumn:
        return tr("Delivery");
    case AddressColumn:
        return tr("Client address");
    default:
        return {};
    }
}
