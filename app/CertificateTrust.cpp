#include "CertificateTrust.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QUrl>

QString CertificateTrust::fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString CertificateTrust::trustedFingerprint(const QString &serverKey) const
{
    return QSettings().value(settingsKey(serverKey)).toString();
}

bool CertificateTrust::isTrusted(const QString &serverKey, const QString &fingerprint) const
{
    return !fingerprint.isEmpty() && trustedFingerprint(serverKey) == fingerprint;
}

void CertificateTrust::trust(const QString &serverKey, const QString &fingerprint)
{
    QSettings().setValue(settingsKey(serverKey), fingerprint);
}

void CertificateTrust::forget(const QString &serverKey)
{
    QSettings().remove(settingsKey(serverKey));
}

QString CertificateTrust::settingsKey(const QString &serverKey)
{
    // Server keys are URLs or profile ids; '/' would nest QSettings groups.
    return QStringLiteral("trustedCertificates/") + QString::fromLatin1(QUrl::toPercentEncoding(serverKey));
}
