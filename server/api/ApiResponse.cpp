#include "ApiResponse.h"

#include <QJsonDocument>

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    return rawJson(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

ApiResponse ApiResponse::rawJson(int status, const QByteArray &body)
{
    ApiResponse response;
    response.status = status;
    response.body = body;
    return response;
}

ApiResponse ApiResponse::later(std::shared_ptr<DeferredAnswer> answer)
{
    ApiResponse response;
    response.deferred = std::move(answer);
    return response;
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}
