#include "EndpointTableModel.h"

#include "ServerText.h"

#include <QLocale>

EndpointTableModel::EndpointTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int EndpointTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_endpoints.size());
}

int EndpointTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EndpointTableModel::eventsText(const QStringList &events)
{
    if (events.contains(QStringLiteral("*")))
        return tr("All events");
    return ServerText::plain(events.join(QStringLiteral(", ")));
}

QString EndpointTableModel::eventsTooltip(const QStringList &events)
{
    QStringList lines;
    for (const QString &event : events)
        lines.append(ServerText::plain(event, ServerText::kShortMax).toHtmlEscaped());
    return QStringLiteral("<p style=\"white-space:pre\">") + lines.join(QStringLiteral("<br>")) + QStringLiteral("</p>");
}

QVariant EndpointTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EndpointInfo &endpoint = m_endpoints.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(endpoint, index.column());
    case Qt::CheckStateRole:
        if (index.column() == EnabledColumn)
            return endpoint.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (index.column() == EventsColumn)
            return endpoint.subscribesToAll() ? tr("All events, current and future") : eventsTooltip(endpoint.events);
        return index.column() == UrlColumn ? QVariant(ServerText::tooltip(endpoint.id, ServerText::kShortMax)) : QVariant();
    case SortRole:
        return sortData(endpoint, index.column());
    case IdRole:
        return endpoint.id;
    default:
        return {};
    }
}

QVariant EndpointTableModel::displayData(const EndpointInfo &endpoint, int column) const
{
    switch (column) {
    case UrlColumn:
        return ServerText::plain(endpoint.url, ServerText::kUrlMax);
    case EventsColumn:
        return eventsText(endpoint.events);
    case EnabledColumn:
        return endpoint.enabled ? tr("Enabled") : tr("Disabled");
    case CreatedColumn:
        return QLocale().toString(endpoint.createdAt.toLocalTime(), QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant EndpointTableModel::sortData(const EndpointInfo &endpoint, int column) const
{
    switch (column) {
    case EnabledColumn:
        return endpoint.enabled;
    case CreatedColumn:
        return endpoint.createdAt;
    default:
        return displayData(endpoint, column);
    }
}

QVariant EndpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UrlColumn:
        return tr("URL");
    case EventsColumn:
        return tr("Events");
    case EnabledColumn:
        return tr("Enabled");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

Qt::ItemFlags EndpointTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == EnabledColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool EndpointTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != EnabledColumn
        || role != Qt::CheckStateRole)
        return false;
    const bool wanted = value.toInt() == Qt::Checked;
    const EndpointInfo &endpoint = m_endpoints.at(index.row());
    if (wanted != endpoint.enabled)
        emit enabledChangeRequested(endpoint.id, wanted);
    // Unchanged until the server confirms: upsert() then shows the new state.
    return false;
}

void EndpointTableModel::setEndpoints(const QList<EndpointInfo> &endpoints)
{
    beginResetModel();
    m_endpoints = endpoints;
    endResetModel();
}

void EndpointTableModel::upsert(const EndpointInfo &endpoint)
{
    const int row = rowOf(endpoint.id);
    if (row >= 0) {
        m_endpoints[row] = endpoint;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int last = int(m_endpoints.size());
    beginInsertRows({}, last, last);
    m_endpoints.append(endpoint);
    endInsertRows();
}

void EndpointTableModel::remove(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_endpoints.removeAt(row);
    endRemoveRows();
}

int EndpointTableModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_endpoints.size(); ++row)
        if (m_endpoints.at(row).id == id)
            return row;
    return -1;
}
