#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

// The one class that knows QtKeychain. Endpoint secrets are keyed by server and endpoint id,
// admin tokens by connection profile. All calls are asynchronous; callbacks run only while
// `context` is alive.
class SecretVault : public QObject
{
    Q_OBJECT
public:
    // value is nullopt when the entry does not exist; error is empty on success.
    using ReadCallback = std::function<void(const std::optional<QString> &value, const QString &error)>;
    using WriteCallback = std::function<void(const QString &error)>;

    explicit SecretVault(QObject *parent = nullptr);
    explicit SecretVault(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }

    void storeEndpointSecret(const QString &server, const QString &endpointId, const QString &secret, QObject *context,
                             WriteCallback done);
    void readEndpointSecret(const QString &server, const QString &endpointId, QObject *context, ReadCallback done);
    void removeEndpointSecret(const QString &server, const QString &endpointId, QObject *context, WriteCallback done);

    void storeToken(const QString &profileId, const QString &token, QObject *context, WriteCallback done);
    void readToken(const QString &profileId, QObject *context, ReadCallback done);
    void removeToken(const QString &profileId, QObject *context, WriteCallback done);

    // Whether a keychain answers at all (no D-Bus session, no Secret Service: error set). Reads an
    // entry that never exists, so it neither writes anything nor asks to unlock for nothing.
    void checkReachable(QObject *context, WriteCallback done);

    static QString endpointKey(const QString &server, const QString &endpointId);
    static QString tokenKey(const QString &profileId);

private:
    void write(const QString &key, const QString &value, QObject *context, WriteCallback done);
    void read(const QString &key, QObject *context, ReadCallback done);
    void remove(const QString &key, QObject *context, WriteCallback done);

    QString m_service;
};
