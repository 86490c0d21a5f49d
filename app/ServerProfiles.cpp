#include "ServerProfiles.h"

#include <QCoreApplication>
#include <QUuid>

namespace {
const QString groupKey = QStringLiteral("profiles");
}

ServerProfiles::ServerProfiles() = default;

QList<ServerProfile> ServerProfiles::all() const
{
    QList<ServerProfile> profiles{
        {ServerProfile::localId(), QCoreApplication::translate("ServerProfiles", "This computer"), {}}};
    profiles.append(remotes());
    return profiles;
}

std::optional<ServerProfile> ServerProfiles::find(const QString &id) const
{
    for (const ServerProfile &profile : all())
        if (profile.id == id)
            return profile;
    return std::nullopt;
}

QString ServerProfiles::addRemote(const QString &name, const QUrl &baseUrl)
{
    QList<ServerProfile> profiles = remotes();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profiles.append({id, name, baseUrl});
    saveRemotes(profiles);
    return id;
}

void ServerProfiles::remove(const QString &id)
{
    QList<ServerProfile> profiles = remotes();
    profiles.removeIf([&id](const ServerProfile &profile) { return profile.id == id; });
    saveRemotes(profiles);
    if (currentId() == id)
        setCurrentId(ServerProfile::localId());
}

QString ServerProfiles::currentId() const
{
    const QString id = m_settings.value(QStringLiteral("currentProfile")).toString();
    return find(id) ? id : ServerProfile::localId();
}

void ServerProfiles::setCurrentId(const QString &id)
{
    m_settings.setValue(QStringLiteral("currentProfile"), id);
}

QList<ServerProfile> ServerProfiles::remotes() const
{
    QList<ServerProfile> profiles;
    const int count = m_settings.beginReadArray(groupKey);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        profiles.append({m_settings.value(QStringLiteral("id")).toString(),
                         m_settings.value(QStringLiteral("name")).toString(),
                         m_settings.value(QStringLiteral("baseUrl")).toUrl()});
    }
    m_settings.endArray();
    return profiles;
}

void ServerProfiles::saveRemotes(const QList<ServerProfile> &profiles)
{
    m_settings.remove(groupKey);
    m_settings.beginWriteArray(groupKey, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("id"), profiles.at(i).id);
        m_settings.setValue(QStringLiteral("name"), profiles.at(i).name);
        m_settings.setValue(QStringLiteral("baseUrl"), profiles.at(i).baseUrl);
    }
    m_settings.endArray();
}
