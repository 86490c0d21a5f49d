#pragma once

#include "DeliveryInfo.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>

// One page of an endpoint's delivery history.
class DeliveryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, EventColumn, StatusColumn, HttpStatusColumn, AttemptsColumn, CreatedColumn,
                  DeliveredColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole };

    explicit DeliveryTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Keeps rows whose id stays (so selections survive an auto-refresh) and replaces the rest.
    void setDeliveries(const QList<DeliveryInfo> &deliveries);
    void update(const DeliveryInfo &delivery); // only if present
    const DeliveryInfo &delivery(int row) const { return m_deliveries.at(row); }
    const QList<DeliveryInfo> &deliveries() const { return m_deliveries; }
    int rowOf(const QString &id) const;

    static QString statusText(DeliveryInfo::Status status);
    static QColor statusColor(DeliveryInfo::Status status);
    static QIcon statusIcon(DeliveryInfo::Status status);

private:
    QVariant displayData(const DeliveryInfo &delivery, int column) const;
    bool sameIds(const QList<DeliveryInfo> &deliveries) const;

    QList<DeliveryInfo> m_deliveries;
};
