#include "ApiTestClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

QJsonObject ApiTestClient::Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray ApiTestClient::Reply::data() const
{
    return json().value(QStringLiteral("data")).toArray();
}

QString ApiTestClient::Reply::errorCode() const
{
    return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString ApiTestClient::Reply::errorMessage() const
{
    return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

QByteArray ApiTestClient::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiTestClient::ApiTestClient(QUrl base, QByteArray token)
    : m_base(std::move(base))
    , m_token(std::move(token))
{
}

ApiTestClient::Reply ApiTestClient::get(const QString &path)
{
    return send("GET", path);
}

ApiTestClient::Reply ApiTestClient::post(const QString &path)
{
    return send("POST", path);
}

ApiTestClient::Reply ApiTestClient::post(const QString &path, const QJsonObject &body)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                {{"Content-Type", "application/json"}});
}

ApiTestClient::Reply ApiTestClient::patch(const QString &path, const QJsonObject &body)
{
    return send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                {{"Content-Type", "application/json"}});
}

ApiTestClient::Reply ApiTestClient::del(const QString &path)
{
    return send("DELETE", path);
}

ApiTestClient::Reply ApiTestClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                                         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_base.resolved(QUrl(path)));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (m_ssl)
        request.setSslConfiguration(*m_ssl);
    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.networkError = QStringLiteral("no answer within 15 s");
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}
