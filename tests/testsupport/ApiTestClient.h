#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QSslConfiguration>
#include <optional>
#include <QUrl>

// Talks HTTP to a server with QNetworkAccessManager, waiting for each answer in a local event
// loop (so an in-process server keeps serving meanwhile).
class ApiTestClient
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString networkError;

        QJsonObject json() const;
        QJsonArray data() const;           // json()["data"] as an array
        QString errorCode() const;         // json()["error"]["code"]
        QString errorMessage() const;      // json()["error"]["message"]
        QByteArray header(const QByteArray &name) const;
    };

    explicit ApiTestClient(QUrl base = {}, QByteArray token = {});

    void setBase(const QUrl &base) { m_base = base; }
    void setToken(const QByteArray &token) { m_token = token; }
    // For HTTPS: e.g. a configuration whose CA certificates trust a test server's certificate.
    void setSslConfiguration(const QSslConfiguration &configuration) { m_ssl = configuration; }

    Reply get(const QString &path);
    Reply post(const QString &path); // without a body, as rotate-secret and retry take
    Reply post(const QString &path, const QJsonObject &body);
    Reply patch(const QString &path, const QJsonObject &body);
    Reply del(const QString &path);
    // Any method, raw body, extra headers: for malformed input.
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {});

private:
    QNetworkAccessManager m_manager;
    QUrl m_base;
    QByteArray m_token;
    std::optional<QSslConfiguration> m_ssl;
};
