#include "EventCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

std::optional<QString> EventCatalog::load(const QString &extraFile)
{
    m_types.clear();
    if (auto error = loadFile(QStringLiteral(":/ena/event-types.json")))
        return error;
    if (!extraFile.isEmpty())
        return loadFile(extraFile);
    return std::nullopt;
}

std::optional<QString> EventCatalog::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read event types file %1: %2").arg(path, file.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isArray())
        return QStringLiteral("event types file %1 must hold a JSON array: %2").arg(path, parseError.errorString());
    static const QRegularExpression validName(QStringLiteral(R"(^[a-z0-9_]+(\.[a-z0-9_]+)+$)"));
    for (const QJsonValue &value : doc.array()) {
        const EventType type = EventType::fromJson(value.toObject());
        if (!validName.match(type.name).hasMatch())
            return QStringLiteral("event types file %1: invalid event name \"%2\" (use dotted lower-case words)").arg(path, type.name);
        if (contains(type.name))
            continue;
        m_types.append(type);
    }
    return std::nullopt;
}

bool EventCatalog::contains(const QString &name) const
{
    return find(name).has_value();
}

std::optional<EventType> EventCatalog::find(const QString &name) const
{
    for (const EventType &type : m_types) {
        if (type.name == name)
            return type;
    }
    return std::nullopt;
}

QStringList EventCatalog::names() const
{
    QStringList list;
    for (const EventType &type : m_types)
        list.append(type.name);
    return list;
}
