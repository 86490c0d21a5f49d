#include "ApiError.h"

ApiError::ApiError(int status, QString code, QString message)
    : m_status(status)
    , m_code(std::move(code))
    , m_message(std::move(message))
{
}

ApiError ApiError::badRequest(const QString &message)
{
    return {400, QStringLiteral("bad_request"), message};
}

ApiError ApiError::unauthorized(const QString &message)
{
    return ApiError(401, QStringLiteral("unauthorized"), message).withHeader("WWW-Authenticate", "Bearer");
}

ApiError ApiError::forbidden(const QString &message)
{
    return {403, QStringLiteral("forbidden"), message};
}

ApiError ApiError::notFound(const QString &message)
{
    return {404, QStringLiteral("not_found"), message};
}

ApiError ApiError::conflict(const QString &message)
{
    return {409, QStringLiteral("conflict"), message};
}

ApiError ApiError::payloadTooLarge(qint64 limit)
{
    return {413, QStringLiteral("payload_too_large"),
            QStringLiteral("request body is larger than the limit of %1 bytes").arg(limit)};
}

ApiError ApiError::unprocessable(const QString &message)
{
    return {422, QStringLiteral("invalid_value"), message};
}

ApiError ApiError::unknownField(const QString &field)
{
    return {422, QStringLiteral("unknown_field"), QStringLiteral("unknown field \"%1\"").arg(field)};
}

ApiError &ApiError::withHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({name, value});
    return *this;
}

ApiResponse ApiError::toResponse() const
{
    ApiResponse response = ApiResponse::json(
        m_status, {{QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("code"), m_code}, {QStringLiteral("message"), m_message}}}});
    response.headers = m_headers;
    return response;
}
