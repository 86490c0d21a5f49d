#pragma once

#include "ServerProfile.h"

#include <QList>
#include <QSettings>
#include <optional>

// The connection profiles in QSettings: "This computer" first, always present, then the
// remote servers the user added.
class ServerProfiles
{
public:
    ServerProfiles();

    QList<ServerProfile> all() const;
    std::optional<ServerProfile> find(const QString &id) const;
    // Returns the new profile's id.
    QString addRemote(const QString &name, const QUrl &baseUrl);
    void remove(const QString &id);

    QString currentId() const;
    void setCurrentId(const QString &id);

private:
    QList<ServerProfile> remotes() const;
    void saveRemotes(const QList<ServerProfile> &profiles);

    mutable QSettings m_settings;
};
