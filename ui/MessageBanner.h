#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

// A non-blocking error strip above the content, in the spirit of KMessageWidget: the user
// keeps working and closes it when read.
class MessageBanner : public QWidget
{
    Q_OBJECT
public:
    explicit MessageBanner(QWidget *parent = nullptr);

    // fullMessage: the uncapped text, offered for copying when message had to be shortened.
    void showError(const QString &message, const QString &fullMessage = {});
    void showInfo(const QString &message);
    // Something worked but will likely cause trouble later.
    void showWarning(const QString &message);
    // A button for the action next to the message, until the next message.
    void offer(QAction *action);
    QString text() const;

private:
    void showMessage(const QString &message, const QColor &color);

    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_offer;
    QToolButton *m_copyFull;
    QString m_fullMessage;
    QToolButton *m_close;
};
