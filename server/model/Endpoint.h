#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// A webhook endpoint: where events go and which ones.
struct Endpoint
{
    enum class SecretVisibility { Hidden, Shown };

    QString id;
    QString url;
    QStringList events; // ["*"] means every current and future event
    bool enabled = true;
    QString secret;
    qint64 createdAtMs = 0;

    bool subscribesTo(const QString &eventType) const;
    QJsonObject toJson(SecretVisibility visibility = SecretVisibility::Hidden) const;
    static Endpoint fromJson(const QJsonObject &json);
};
