#pragma once

#include "BundledServer.h"
#include "Connection.h"
#include "ServerProfiles.h"

#include <QObject>

class SecretVault;

// Turns a profile into a live Connection: starts the bundled server for "This computer",
// reads a remote profile's token from the keychain.
class ConnectionController : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionController(SecretVault *vault, QObject *parent = nullptr);

    ServerProfiles &profiles() { return m_profiles; }
    BundledServer &bundledServer() { return m_bundled; }
    void activate(const QString &profileId);
    // Adds a remote profile, keeps its token in the keychain, then activates it.
    void addRemote(const QString &name, const QUrl &baseUrl, const QString &token);
    void removeProfile(const QString &profileId);

signals:
    void connectionReady(const Connection &connection);
    void connectionFailed(const QString &message);
    void profilesChanged();

private:
    void activateRemote(const ServerProfile &profile);

    SecretVault *m_vault;
    ServerProfiles m_profiles;
    BundledServer m_bundled;
    QString m_activeId;
};
