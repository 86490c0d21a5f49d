#include "ConnectionController.h"

#include "CertificateTrust.h"
#include "SecretVault.h"

ConnectionController::ConnectionController(SecretVault *vault, QObject *parent)
    : QObject(parent)
    , m_vault(vault)
    , m_bundled(vault)
{
    connect(&m_bundled, &BundledServer::ready, this, [this](const QUrl &baseUrl, const QByteArray &token) {
        if (m_activeId == ServerProfile::localId())
            emit connectionReady({tr("This computer"), baseUrl, token, ServerProfile::localId()});
    });
    connect(&m_bundled, &BundledServer::failed, this, &ConnectionController::connectionFailed);
}

void ConnectionController::activate(const QString &profileId)
{
    const std::optional<ServerProfile> profile = m_profiles.find(profileId);
    if (!profile) {
        emit connectionFailed(tr("Unknown server profile %1").arg(profileId));
        return;
    }
    m_activeId = profile->id;
    m_profiles.setCurrentId(profile->id);
    if (!profile->isLocal()) {
        activateRemote(*profile);
        return;
    }
    if (m_bundled.isRunning() && !m_bundled.baseUrl().isEmpty())
        emit connectionReady({tr("This computer"), m_bundled.baseUrl(), m_bundled.token(), ServerProfile::localId()});
    else
        m_bundled.start();
}

void ConnectionController::activateRemote(const ServerProfile &profile)
{
    m_vault->readToken(profile.id, this, [this, profile](const std::optional<QString> &token, const QString &error) {
        if (m_activeId != profile.id)
            return; // the user moved on meanwhile
        if (!error.isEmpty())
            emit connectionFailed(tr("Cannot read the token of %1 from the keychain: %2").arg(profile.name, error));
        else
            emit connectionReady({profile.name, profile.baseUrl, token.value_or(QString()).toUtf8(), profile.id});
    });
}

void ConnectionController::addRemote(const QString &name, const QUrl &baseUrl, const QString &token)
{
    const QString id = m_profiles.addRemote(name, baseUrl);
    emit profilesChanged();
    m_vault->storeToken(id, token, this, [this, id](const QString &error) {
        if (error.isEmpty()) {
            activate(id);
            return;
        }
        // A profile without its token could never connect: take it back out.
        m_profiles.remove(id);
        emit profilesChanged();
        emit connectionFailed(tr("Cannot keep the token in the keychain: %1").arg(error));
    });
}

void ConnectionController::removeProfile(const QString &profileId)
{
    if (profileId == ServerProfile::localId())
        return;
    m_profiles.remove(profileId);
    m_vault->removeToken(profileId, this, {});
    CertificateTrust().forget(profileId); // a new server under a reused id must be asked about again
    emit profilesChanged();
    if (m_activeId == profileId)
        activate(ServerProfile::localId());
}
