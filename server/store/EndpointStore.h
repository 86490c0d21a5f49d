#pragma once

#include "Endpoint.h"

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

class Database;

class EndpointStore
{
public:
    explicit EndpointStore(Database &db) : m_db(db) {}

    // Endpoints come back without their secret (see select()).
    QList<Endpoint> list();
    std::optional<Endpoint> find(const QString &id);
    // Enabled endpoints subscribed to eventType, explicitly or by "*". Served from memory,
    // refreshed after every change made through this store (the server's only writer).
    QList<Endpoint> subscribers(const QString &eventType);
    void insert(const Endpoint &endpoint);
    // Writes url, events and enabled.
    void update(const Endpoint &endpoint);
    void updateSecret(const QString &id, const QString &secret);
    // Removes the endpoint and, by cascade, its delivery history. False if it did not exist.
    bool remove(const QString &id);

    // At start: checks that every sealed secret opens with the current master key (else an
    // error text naming the problem) and seals secrets an earlier version stored in clear.
    std::optional<QString> sealStoredSecrets();
    bool hasSealedSecrets();

private:
    QList<Endpoint> select(const QString &where, const QVariantList &values);
    void sealPlaintext(const QList<QPair<QString, QString>> &rows);

    Database &m_db;
    std::optional<QList<Endpoint>> m_enabled;
};
