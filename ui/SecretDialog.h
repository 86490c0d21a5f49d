#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;

// Shows a new endpoint secret exactly once (after create and after rotate).
class SecretDialog : public QDialog
{
    Q_OBJECT
public:
    SecretDialog(const QString &endpointUrl, const QString &secret, QWidget *parent = nullptr);

    QString secret() const { return m_secret; }
    bool saveInKeychain() const;

private:
    QString m_secret;
    QLineEdit *m_secretEdit;
    QCheckBox *m_save;
};
