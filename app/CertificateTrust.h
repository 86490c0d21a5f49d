#pragma once

#include <QSslCertificate>
#include <QString>

// The server certificates the user chose to trust, one SHA-256 fingerprint per server
// (profile), kept in QSettings. Only one per server on purpose: a different certificate
// for a server already trusted is what a man-in-the-middle looks like, so it is asked about again.
class CertificateTrust
{
public:
    // "AB:CD:…", the form the server logs at start and `openssl x509 -fingerprint -sha256` prints.
    static QString fingerprint(const QSslCertificate &certificate);

    // Empty when the user never trusted a certificate for this server.
    QString trustedFingerprint(const QString &serverKey) const;
    bool isTrusted(const QString &serverKey, const QString &fingerprint) const;
    void trust(const QString &serverKey, const QString &fingerprint);
    void forget(const QString &serverKey);

private:
    static QString settingsKey(const QString &serverKey);
};
