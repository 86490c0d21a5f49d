#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class SecretVault;

// Shows a new endpoint secret exactly once (after create and after rotate). With a vault it
// offers to keep the secret in the keychain, and saves before closing: a failure is shown here,
// while the secret can still be copied.
class SecretDialog : public QDialog
{
    Q_OBJECT
public:
    SecretDialog(const QString &endpointUrl, const QString &secret, QWidget *parent = nullptr);

    // Checks the keychain answers before ticking "Save in keychain".
    void offerKeychain(SecretVault *vault, const QString &serverKey, const QString &endpointId);
    QString secret() const { return m_secret; }
    bool saveInKeychain() const;
    bool savedInKeychain() const { return m_saved; }

    void done(int result) override;

private:
    void keychainChecked(const QString &error);
    void saveThenClose(int result);
    void saved(const QString &error, int result);
    void showKeychainProblem(const QString &text);

    QString m_secret;
    QLineEdit *m_secretEdit;
    QCheckBox *m_save;
    QLabel *m_keychainStatus;
    QDialogButtonBox *m_buttons;
    SecretVault *m_vault = nullptr;
    QString m_serverKey;
    QString m_endpointId;
    bool m_saving = false;
    bool m_saved = false;
};
