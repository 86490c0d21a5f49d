#pragma once

#include "Endpoint.h"

#include <QList>
#include <optional>

class Database;

class EndpointStore
{
public:
    explicit EndpointStore(Database &db) : m_db(db) {}

    QList<Endpoint> list();
    std::optional<Endpoint> find(const QString &id);
    // Enabled endpoints subscribed to eventType, explicitly or by "*".
    QList<Endpoint> subscribers(const QString &eventType);
    void insert(const Endpoint &endpoint);
    // Writes url, events and enabled.
    void update(const Endpoint &endpoint);
    void updateSecret(const QString &id, const QString &secret);
    // Removes the endpoint and, by cascade, its delivery history. False if it did not exist.
    bool remove(const QString &id);

private:
    QList<Endpoint> select(const QString &where, const QVariantList &values);

    Database &m_db;
};
