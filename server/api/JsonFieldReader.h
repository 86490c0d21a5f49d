#pragma once

#include <QJsonObject>
#include <QStringList>
#include <optional>

// Reads the fields of a request body with one set of rules: unknown fields are 422 (so a
// misspelt "enabeld" is not silently ignored), a field of the wrong type is 400, and every
// message names the field.
class JsonFieldReader
{
public:
    JsonFieldReader(const QJsonObject &object, const QStringList &allowedFields);

    QString requiredString(const QString &field) const;
    std::optional<QString> optionalString(const QString &field) const;
    std::optional<bool> optionalBool(const QString &field) const;
    std::optional<QStringList> optionalStringList(const QString &field) const;
    QStringList requiredStringList(const QString &field) const;
    std::optional<QJsonObject> optionalObject(const QString &field) const;
    QJsonObject requiredObject(const QString &field) const;

private:
    bool present(const QString &field) const;

    QJsonObject m_object;
};
