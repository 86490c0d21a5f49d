#pragma once

#include "EndpointInfo.h"
#include "EventTypeInfo.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

// New / Edit endpoint. OK does not close the dialog: it emits submitted() and waits for
// finish() or showError(), so nothing typed is lost when the server refuses.
class EndpointDialog : public QDialog
{
    Q_OBJECT
public:
    EndpointDialog(const QList<EventTypeInfo> &catalog, QWidget *parent = nullptr);

    void setEndpoint(const EndpointInfo &endpoint); // switches to edit mode
    QString endpointId() const { return m_endpointId; }
    QString url() const;
    QStringList events() const; // ["*"] when all events are chosen
    bool isEnabledChecked() const;

    void showError(const QString &message);
    void finish(); // the server accepted: close

    // Empty when the URL is acceptable, otherwise why not (same rules as the server).
    static QString urlProblem(const QString &url);

signals:
    void submitted();

protected:
    void accept() override;

private:
    void buildEventList(const QList<EventTypeInfo> &catalog);
    void revalidate();

    QString m_endpointId;
    QLineEdit *m_url;
    QLabel *m_urlProblem;
    QCheckBox *m_allEvents;
    QListWidget *m_eventList;
    QCheckBox *m_enabled;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
