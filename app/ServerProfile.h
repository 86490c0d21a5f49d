#pragma once

#include <QString>
#include <QUrl>

// A server the console can manage: the bundled one on this computer or a remote one.
// The admin token is not here: it lives in the keychain under the profile's id.
struct ServerProfile
{
    QString id;
    QString name;
    QUrl baseUrl; // empty for the bundled server, whose port changes on every start
    bool isLocal() const { return id == localId(); }
    static QString localId() { return QStringLiteral("this-computer"); }
};
