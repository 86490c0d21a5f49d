#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// Everything the main window needs to manage one server.
struct Connection
{
    QString name;      // shown in the status bar
    QUrl baseUrl;
    QByteArray token;
    QString serverKey; // keys this server's endpoint secrets in the keychain
};
