#include "Attempt.h"

#include "Rfc3339.h"

QJsonObject Attempt::toJson() const
{
    return {
        {QStringLiteral("attempt"), number},
        {QStringLiteral("started_at"), Rfc3339::format(startedAtMs)},
        {QStringLiteral("duration_ms"), durationMs},
        {QStringLiteral("http_status"), httpStatus ? QJsonValue(*httpStatus) : QJsonValue()},
        {QStringLiteral("error"), error.isEmpty() ? QJsonValue() : QJsonValue(error)},
        {QStringLiteral("response_body"), QString::fromUtf8(responseBody)},
    };
}

Attempt Attempt::fromJson(const QJsonObject &json)
{
    Attempt attempt;
    attempt.number = json.value(QStringLiteral("attempt")).toInt();
    attempt.startedAtMs = Rfc3339::parse(json.value(QStringLiteral("started_at")).toString()).value_or(0);
    attempt.durationMs = json.value(QStringLiteral("duration_ms")).toInteger();
    const QJsonValue status = json.value(QStringLiteral("http_status"));
    if (status.isDouble())
        attempt.httpStatus = status.toInt();
    attempt.error = json.value(QStringLiteral("error")).toString();
    attempt.responseBody = json.value(QStringLiteral("response_body")).toString().toUtf8();
    return attempt;
}
