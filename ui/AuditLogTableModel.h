#pragma once

#include "AuditLogEntry.h"

#include <QAbstractTableModel>

// One page of the server's audit log, newest first, as the audit log dialog shows it.
class AuditLogTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ActionColumn, EndpointColumn, DeliveryColumn, AddressColumn, ColumnCount };

    explicit AuditLogTableModel(QObject *parent = nullptr);

    void setEntries(const QList<AuditLogEntry> &entries);
    AuditLogEntry entry(int row) const { return m_entries.value(row); }
    // "endpoint.secret_rotated" → "Secret rotated", translated; unknown actions as they are.
    static QString actionText(const QString &action);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const AuditLogEntry &entry, int column) const;

    QList<AuditLogEntry> m_entries;
};
