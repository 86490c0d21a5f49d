#include "AttemptInfo.h"

AttemptInfo AttemptInfo::fromJson(const QJsonObject &json)
{
    AttemptInfo attempt;
    attempt.number = json.value(QStringLiteral("attempt")).toInt();
    attempt.startedAt = QDateTime::fromString(json.value(QStringLiteral("started_at")).toString(), Qt::ISODate);
    attempt.durationMs = json.value(QStringLiteral("duration_ms")).toInteger();
    const QJsonValue status = json.value(QStringLiteral("http_status"));
    if (status.isDouble())
        attempt.httpStatus = status.toInt();
    attempt.error = json.value(QStringLiteral("error")).toString();
    attempt.responseBody = json.value(QStringLiteral("response_body")).toString();
    return attempt;
}
