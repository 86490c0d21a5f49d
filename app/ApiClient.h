#pragma once

#include "ApiFailure.h"
#include "AuditLogPage.h"
#include "CertificateTrust.h"
#include "DeliveryFilter.h"
#include "DeliveryInfo.h"
#include "DeliveryListPage.h"
#include "EndpointInfo.h"
#include "EventTypeInfo.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

class QNetworkReply;
class QSslError;

// The console's only way to talk to a server: one asynchronous method per API route.
// Results arrive in the callback, invoked only while `context` is alive; every failure is
// emitted as failed() (and handed to onError when given) with the server's own message.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    template<typename T>
    using Callback = std::function<void(const T &)>;
    using ErrorCallback = std::function<void(const ApiFailure &)>;

    explicit ApiClient(QObject *parent = nullptr);

    // Abandons whatever is in flight: answers from the previous server never reach a callback.
    // serverKey names the server for the certificates the user trusts (default: the URL).
    void setConnection(const QUrl &baseUrl, const QByteArray &token, const QString &serverKey = {});
    QUrl baseUrl() const { return m_baseUrl; }
    bool isConfigured() const { return m_baseUrl.isValid() && !m_baseUrl.isEmpty(); }
    // Total time a request may take, connection and transfer included.
    void setDeadline(int milliseconds) { m_deadlineMs = milliseconds; }
    int pendingRequests() const { return m_pending; }
    // The largest answer the console reads; a bigger one is aborted and reported.
    void setMaxAnswerBytes(qint64 bytes) { m_maxAnswerBytes = bytes; }
    // Accepts this (self-signed or otherwise unverifiable) certificate for the current server
    // from now on, also in later sessions; requests already refused must be sent again.
    void trustCertificate(const QString &fingerprint);

    void health(QObject *context, Callback<QString> onVersion, ErrorCallback onError = {});
    void listEventTypes(QObject *context, Callback<QList<EventTypeInfo>> onDone, ErrorCallback onError = {});
    void listEndpoints(QObject *context, Callback<QList<EndpointInfo>> onDone, ErrorCallback onError = {});
    void getEndpoint(const QString &id, QObject *context, Callback<EndpointInfo> onDone, ErrorCallback onError = {});
    // onDone receives the endpoint and its secret, shown only this once.
    void createEndpoint(const QString &url, const QStringList &events, bool enabled, QObject *context,
                        std::function<void(const EndpointInfo &, const QString &)> onDone, ErrorCallback onError = {});
    // changes holds only the fields to change (url, events, enabled).
    void updateEndpoint(const QString &id, const QJsonObject &changes, QObject *context, Callback<EndpointInfo> onDone,
                        ErrorCallback onError = {});
    void deleteEndpoint(const QString &id, QObject *context, Callback<QString> onDone, ErrorCallback onError = {});
    void rotateSecret(const QString &id, QObject *context, std::function<void(const EndpointInfo &, const QString &)> onDone,
                      ErrorCallback onError = {});
    void listDeliveries(const QString &endpointId, const DeliveryFilter &filter, QObject *context,
                        Callback<DeliveryListPage> onDone, ErrorCallback onError = {});
    void getDelivery(const QString &endpointId, const QString &deliveryId, QObject *context,
                     Callback<DeliveryInfo> onDone, ErrorCallback onError = {});
    void retryDelivery(const QString &endpointId, const QString &deliveryId, QObject *context,
                       Callback<DeliveryInfo> onDone, ErrorCallback onError = {});
    void sendTestEvent(const QString &endpointId, const QString &event, QObject *context,
                       Callback<DeliveryInfo> onDone, ErrorCallback onError = {});
    // page starts at 1; a page past the end is answered 422.
    void listAuditLog(int page, int perPage, QObject *context, Callback<AuditLogPage> onDone, ErrorCallback onError = {});

signals:
    // Every request as it goes out: lets the UI and tests see exactly what was asked.
    void requestSent(const QByteArray &method, const QUrl &url);
    void failed(const ApiFailure &failure);
    // true while at least one request is in flight: drives the busy indication.
    void busyChanged(bool busy);

private:
    // Returns what is wrong with the answer, or an empty string once the caller has it.
    using JsonHandler = std::function<QString(const QJsonDocument &)>;
    struct Call
    {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QJsonObject body;
        bool hasBody = false;
        QString operation;
    };

    void send(const Call &call, QObject *context, JsonHandler onSuccess, ErrorCallback onError);
    void finish(QNetworkReply *reply, quint64 generation, const Call &call, QPointer<QObject> context,
                const JsonHandler &onSuccess, const ErrorCallback &onError);
    ApiFailure failureFrom(QNetworkReply *reply, const Call &call, const QByteArray &body) const;
    ApiFailure notUnderstood(QNetworkReply *reply, const Call &call, const QString &problem) const;
    void refuse(const QString &operation, QObject *context, const ErrorCallback &onError);
    void limitAnswerSize(QNetworkReply *reply);
    QString endpointPath(const QString &id, const QString &rest = {}) const;
    void changePending(int delta);
    void checkCertificate(QNetworkReply *reply, const QList<QSslError> &errors);
    void describeCertificateFailure(QNetworkReply *reply, ApiFailure &failure) const;

    QNetworkAccessManager m_manager;
    QUrl m_baseUrl;
    QByteArray m_token;
    QString m_serverKey;
    CertificateTrust m_trust;
    int m_deadlineMs = 15000;
    qint64 m_maxAnswerBytes = 16 * 1024 * 1024; // a list of 1000 endpoints at the URL limit is ~3 MiB
    int m_pending = 0;
    quint64 m_generation = 0; // bumped by setConnection(); tells stale replies apart
};
