#pragma once

#include "DeliveryInfo.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

// Every attempt of one delivery: time, duration, HTTP status or error, and the response body
// of the attempt selected.
class DeliveryDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryDetailView(QWidget *parent = nullptr);

    void setDelivery(const DeliveryInfo &delivery);
    void clear();
    int attemptCount() const;

private:
    void showBody();

    DeliveryInfo m_delivery;
    QLabel *m_summary;
    QTreeWidget *m_attempts;
    QPlainTextEdit *m_body;
};
