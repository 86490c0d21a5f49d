#pragma once

#include "DeliveryFilter.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;

// From / to (or any), status and page size: each control is one query parameter.
class DeliveryFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryFilterBar(QWidget *parent = nullptr);

    // The filter for page 1; the panel sets the page.
    DeliveryFilter filter() const;
    void setFilter(const DeliveryFilter &filter);

signals:
    void changed();

private:
    QCheckBox *m_fromEnabled;
    QDateTimeEdit *m_from;
    QCheckBox *m_toEnabled;
    QDateTimeEdit *m_to;
    QComboBox *m_status;
    QComboBox *m_pageSize;
};
