#pragma once

#include <QSslConfiguration>
#include <QString>
#include <optional>

// The server's certificate (chain) and private key for --tls-cert / --tls-key, as a TLS server
// configuration (TLS 1.2 or newer).
namespace TlsCredentials {
// Both files are needed; an error naming the file that is missing or holds no usable PEM.
std::optional<QSslConfiguration> load(const QString &certFile, const QString &keyFile, QString *error);
// "AB:CD:..." SHA-256 of the leaf certificate: what a client is asked to trust.
QString fingerprint(const QSslConfiguration &configuration);
}
