#include "ApiRequest.h"

#include "ApiError.h"

#include <QJsonDocument>
#include <QJsonParseError>

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString ApiRequest::param(const QString &name) const
{
    return params.value(name);
}

QJsonObject ApiRequest::jsonObject() const
{
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("request body is empty; send a JSON object"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        throw ApiError::badRequest(QStringLiteral("request body must be a JSON object"));
    return doc.object();
}
