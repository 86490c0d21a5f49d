#pragma once

#include <QSslCertificate>
#include <QString>

// A fresh EC P-256 key and a self-signed certificate for localhost and 127.0.0.1, made with the
// OpenSSL API at test time and written as PEM files into dir.
class SelfSignedCertificate
{
public:
    explicit SelfSignedCertificate(const QString &dir, const QString &name = QStringLiteral("server"));

    bool isValid() const { return !m_certificate.isNull(); }
    QSslCertificate certificate() const { return m_certificate; }
    QString certificatePath() const { return m_certificatePath; }
    QString keyPath() const { return m_keyPath; }

private:
    QSslCertificate m_certificate;
    QString m_certificatePath;
    QString m_keyPath;
};
