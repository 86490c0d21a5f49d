#pragma once

#include "EventType.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// The event types endpoints may subscribe to: the built-in list plus any from --event-types.
class EventCatalog
{
public:
    // Loads the built-in catalog (a resource) and then extraFile, if given. Returns an error text.
    std::optional<QString> load(const QString &extraFile = {});

    bool contains(const QString &name) const;
    std::optional<EventType> find(const QString &name) const;
    QStringList names() const;
    const QList<EventType> &types() const { return m_types; }

private:
    std::optional<QString> loadFile(const QString &path);

    QList<EventType> m_types;
};
