#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

// One try at delivering: what was sent when, and what came back.
struct Attempt
{
    int number = 0;
    qint64 startedAtMs = 0;
    qint64 durationMs = 0;
    std::optional<int> httpStatus;
    QString error; // empty when the receiver answered
    QByteArray responseBody; // first 4 KiB

    QJsonObject toJson() const;
    static Attempt fromJson(const QJsonObject &json);
};
