#include "JsonFieldReader.h"

#include "ApiError.h"

#include <QJsonArray>

namespace {
ApiError wrongType(const QString &field, const char *expected)
{
    return ApiError::badRequest(QStringLiteral("field \"%1\" must be %2").arg(field, QLatin1String(expected)));
}

ApiError missing(const QString &field)
{
    return ApiError::unprocessable(QStringLiteral("field \"%1\" is required").arg(field));
}
} // namespace

JsonFieldReader::JsonFieldReader(const QJsonObject &object, const QStringList &allowedFields)
    : m_object(object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowedFields.contains(it.key())) {
            ApiError error = ApiError::unknownField(it.key());
            throw ApiError(error.status(), error.code(),
                           error.message() + QStringLiteral("; allowed fields: ") + allowedFields.join(QStringLiteral(", ")));
        }
    }
}

bool JsonFieldReader::present(const QString &field) const
{
    return m_object.contains(field);
}

std::optional<QString> JsonFieldReader::optionalString(const QString &field) const
{
    if (!present(field))
        return std::nullopt;
    const QJsonValue value = m_object.value(field);
    if (!value.isString())
        throw wrongType(field, "a string");
    return value.toString();
}

QString JsonFieldReader::requiredString(const QString &field) const
{
    if (auto value = optionalString(field))
        return *value;
    throw missing(field);
}

std::optional<bool> JsonFieldReader::optionalBool(const QString &field) const
{
    if (!present(field))
        return std::nullopt;
    const QJsonValue value = m_object.value(field);
    if (!value.isBool())
        throw wrongType(field, "true or false");
    return value.toBool();
}

std::optional<QStringList> JsonFieldReader::optionalStringList(const QString &field) const
{
    if (!present(field))
        return std::nullopt;
    const QJsonValue value = m_object.value(field);
    if (!value.isArray())
        throw wrongType(field, "an array of strings");
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            throw wrongType(field, "an array of strings");
        list.append(item.toString());
    }
    return list;
}

QStringList JsonFieldReader::requiredStringList(const QString &field) const
{
    if (auto value = optionalStringList(field))
        return *value;
    throw missing(field);
}

std::optional<QJsonObject> JsonFieldReader::optionalObject(const QString &field) const
{
    if (!present(field))
        return std::nullopt;
    const QJsonValue value = m_object.value(field);
    if (!value.isObject())
        throw wrongType(field, "a JSON object");
    return value.toObject();
}

QJsonObject JsonFieldReader::requiredObject(const QString &field) const
{
    if (auto value = optionalObject(field))
        return *value;
    throw missing(field);
}
