#pragma once

#include "EndpointInfo.h"
#include "SignatureCheck.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class SecretVault;

// Checks a received webhook's signature: paste the three headers and the body, pick an
// endpoint (its secret comes from the keychain) or paste a secret.
class VerifySignatureDialog : public QDialog
{
    Q_OBJECT
public:
    VerifySignatureDialog(SecretVault *vault, const QString &serverKey, const QList<EndpointInfo> &endpoints,
                          QWidget *parent = nullptr);

    void setMessage(const QString &webhookId, const QString &timestamp, const QString &signature, const QString &body);
    void setSecret(const QString &secret);
    void selectEndpoint(const QString &endpointId);
    QString resultText() const;

    void verify();

signals:
    void verified(SignatureCheck::Outcome outcome);

private:
    void secretSourceChanged();
    void verifyWith(const QString &secret);
    void showResult(const SignatureCheck::Result &result);
    static QString describeAge(qint64 seconds);

    SecretVault *m_vault;
    QString m_serverKey;
    QLineEdit *m_id;
    QLineEdit *m_timestamp;
    QLineEdit *m_signature;
    QPlainTextEdit *m_body;
    QComboBox *m_source;
    QLineEdit *m_secret;
    QLabel *m_result;
};
