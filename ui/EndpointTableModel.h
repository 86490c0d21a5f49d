#pragma once

#include "EndpointInfo.h"

#include <QAbstractTableModel>
#include <QList>

// The endpoints of the current server. Enabled is checkable in place; the model does not
// change it itself but asks (enabledChangeRequested) so the table only shows what the server
// confirmed.
class EndpointTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UrlColumn, EventsColumn, EnabledColumn, CreatedColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IdRole };

    explicit EndpointTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    void setEndpoints(const QList<EndpointInfo> &endpoints);
    // Replaces the endpoint with the same id, or appends it.
    void upsert(const EndpointInfo &endpoint);
    void remove(const QString &id);
    const EndpointInfo &endpoint(int row) const { return m_endpoints.at(row); }
    int rowOf(const QString &id) const; // -1 when absent

    static QString eventsText(const QStringList &events);
    static QString eventsTooltip(const QStringList &events);

signals:
    void enabledChangeRequested(const QString &id, bool enabled);

private:
    QVariant displayData(const EndpointInfo &endpoint, int column) const;
    QVariant sortData(const EndpointInfo &endpoint, int column) const;

    QList<EndpointInfo> m_endpoints;
};
