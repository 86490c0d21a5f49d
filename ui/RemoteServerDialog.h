#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

// Adds a remote server profile: a name, its base URL and the admin token.
class RemoteServerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RemoteServerDialog(QWidget *parent = nullptr);

    QString name() const;
    QUrl baseUrl() const;
    QString token() const;

private:
    void revalidate();

    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QDialogButtonBox *m_buttons;
};
