#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

// One delivery attempt as GET .../deliveries/:delivery_id lists it.
struct AttemptInfo
{
    int number = 0;
    QDateTime startedAt;
    qint64 durationMs = 0;
    std::optional<int> httpStatus;
    QString error;
    QString responseBody;

    static AttemptInfo fromJson(const QJsonObject &json);
};
