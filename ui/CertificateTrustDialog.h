#pragma once

#include "ApiFailure.h"

#include <QDialog>

// Asks whether to trust a server certificate the system does not (self-signed, unknown CA),
// showing its SHA-256 fingerprint to compare with the server's log. For a certificate that
// replaced an already trusted one it warns of a man in the middle first.
class CertificateTrustDialog : public QDialog
{
    Q_OBJECT
public:
    CertificateTrustDialog(const QString &serverName, const ApiFailure &failure, QWidget *parent = nullptr);

    QString fingerprint() const { return m_fingerprint; }

private:
    QString m_fingerprint;
};
