#pragma once

#include "ApiResponse.h"

#include <QString>
#include <exception>

// A client-facing error: handlers throw it, HttpFront maps it to {"error":{"code","message"}}.
class ApiError : public std::exception
{
public:
    ApiError(int status, QString code, QString message);

    static ApiError badRequest(const QString &message);       // 400 malformed JSON or wrong type
    static ApiError unauthorized(const QString &message);     // 401
    static ApiError forbidden(const QString &message);        // 403
    static ApiError notFound(const QString &message);         // 404
    static ApiError conflict(const QString &message);         // 409
    static ApiError payloadTooLarge(qint64 limit);            // 413
    static ApiError unprocessable(const QString &message);    // 422 invalid value
    static ApiError unknownField(const QString &field);       // 422

    ApiError &withHeader(const QByteArray &name, const QByteArray &value);

    int status() const { return m_status; }
    const QString &code() const { return m_code; }
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return "ApiError"; }
    ApiResponse toResponse() const;

private:
    int m_status;
    QString m_code;
    QString m_message;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};
