#pragma once

#include "AttemptInfo.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

// One delivery as the deliveries routes return it; attempts only in the single-delivery route.
struct DeliveryInfo
{
    enum class Status { Pending, Delivered, Failed };

    QString id;
    QString endpointId;
    QString eventId;
    QString event;
    Status status = Status::Pending;
    std::optional<int> httpStatus;
    int attemptCount = 0;
    QDateTime createdAt;
    QDateTime deliveredAt;   // invalid until delivered
    QDateTime nextAttemptAt; // invalid when no attempt is scheduled
    QString lastError;
    bool test = false;
    QList<AttemptInfo> attempts;

    static DeliveryInfo fromJson(const QJsonObject &json);
    static std::optional<Status> statusFromString(const QString &text);
    static QString statusToString(Status status); // the API's spelling
};
