#pragma once

#include "EndpointInfo.h"
#include "EventTypeInfo.h"

#include <QDialog>

class QComboBox;
class QPlainTextEdit;

// Picks which of the endpoint's events to send as a test.
class SendTestDialog : public QDialog
{
    Q_OBJECT
public:
    SendTestDialog(const EndpointInfo &endpoint, const QList<EventTypeInfo> &catalog, QWidget *parent = nullptr);

    QString event() const;
    void selectEvent(const QString &event);

private:
    void showSample();

    QList<EventTypeInfo> m_catalog;
    QComboBox *m_events;
    QPlainTextEdit *m_sample;
};
