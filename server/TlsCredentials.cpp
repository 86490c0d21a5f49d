#include "TlsCredentials.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace TlsCredentials {
namespace {

std::optional<QSslKey> readKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return std::nullopt;
}

} // namespace

std::optional<QSslConfiguration> load(const QString &certFile, const QString &keyFile, QString *error)
{
    if (certFile.isEmpty() || keyFile.isEmpty()) {
        *error = QStringLiteral("--tls-cert and --tls-key go together");
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("--tls-cert: %1 holds no PEM certificate").arg(certFile);
        return std::nullopt;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("--tls-key: cannot read %1: %2").arg(keyFile, file.errorString());
        return std::nullopt;
    }
    const auto key = readKey(file.readAll());
    if (!key) {
        *error = QStringLiteral("--tls-key: %1 holds no unencrypted PEM private key (RSA or EC)").arg(keyFile);
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(*key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    return configuration;
}

QString fingerprint(const QSslConfiguration &configuration)
{
    const QByteArray digest = configuration.localCertificate().digest(QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

} // namespace TlsCredentials
