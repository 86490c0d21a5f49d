#include "ApiClient.h"

#include "ApiAnswer.h"

#include <QJsonArray>
#include <algorithm>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>

namespace {
const char *const deadlineProperty = "enaDeadlineExpired";
const char *const fingerprintProperty = "enaUntrustedFingerprint";
const char *const sslErrorsProperty = "enaSslErrors";
const char *const tooBigProperty = "enaAnswerTooBig";

// What trusting a certificate by its fingerprint can stand in for: the missing chain to a known
// CA and a name the certificate does not carry. Expiry, revocation or a broken signature are
// never waved through, trusted or not.
bool waivableByTrust(const QSslError &error)
{
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false;
    }
}

// Runs onDone only with an answer that is what the API promises; otherwise says what is wrong.
template<typename T, typename Check>
QString checked(const QJsonDocument &json, Check check, const std::function<void(const T &)> &onDone)
{
    T value;
    if (QString problem = check(json, value); !problem.isEmpty())
        return problem;
    onDone(value);
    return {};
}

QString checkedEndpoint(const QJsonDocument &json, const std::function<void(const EndpointInfo &)> &onDone)
{
    EndpointInfo endpoint;
    if (QString problem = ApiAnswer::endpoint(json.object(), endpoint); !problem.isEmpty())
        return problem;
    onDone(endpoint);
    return {};
}

QString checkedDelivery(const QJsonDocument &json, const std::function<void(const DeliveryInfo &)> &onDone)
{
    DeliveryInfo delivery;
    if (QString problem = ApiAnswer::delivery(json.object(), delivery); !problem.isEmpty())
        return problem;
    onDone(delivery);
    return {};
}

QString checkedSecret(const QJsonDocument &json, const std::function<void(const EndpointInfo &, const QString &)> &onDone)
{
    EndpointInfo endpoint;
    QString secret;
    if (QString problem = ApiAnswer::endpointWithSecret(json, endpoint, secret); !problem.isEmpty())
        return problem;
    onDone(endpoint, secret);
    return {};
}

QString pathPart(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}
} // namespace

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
{
    // Only reply->abort() must end a request; the connection cache would otherwise keep
    // sockets to a server we have switched away from.
    m_manager.setAutoDeleteReplies(false);
}

void ApiClient::setConnection(const QUrl &baseUrl, const QByteArray &token, const QString &serverKey)
{
    m_baseUrl = baseUrl;
    m_token = token;
    m_serverKey = serverKey.isEmpty() ? baseUrl.toString(QUrl::RemoveUserInfo) : serverKey;
    ++m_generation;
    // A slow answer from the old server must not fill the window after a profile switch.
    for (QNetworkReply *reply : m_manager.findChildren<QNetworkReply *>())
        reply->abort();
    m_manager.clearConnectionCache();
}

void ApiClient::trustCertificate(const QString &fingerprint)
{
    m_trust.trust(m_serverKey, fingerprint);
    // The refused handshake may still sit in the cache; the next request must shake hands anew.
    m_manager.clearConnectionCache();
}

void ApiClient::health(QObject *context, Callback<QString> onVersion, ErrorCallback onError)
{
    send({"GET", QStringLiteral("/api/health"), {}, {}, false, tr("Check server health")}, context,
         [onVersion](const QJsonDocument &json) { return checked<QString>(json, ApiAnswer::version, onVersion); },
         std::move(onError));
}

void ApiClient::listEventTypes(QObject *context, Callback<QList<EventTypeInfo>> onDone, ErrorCallback onError)
{
    send({"GET", QStringLiteral("/api/integrations/event-types"), {}, {}, false, tr("Load event types")}, context,
         [onDone](const QJsonDocument &json) { return checked<QList<EventTypeInfo>>(json, ApiAnswer::eventTypes, onDone); },
         std::move(onError));
}

void ApiClient::listEndpoints(QObject *context, Callback<QList<EndpointInfo>> onDone, ErrorCallback onError)
{
    send({"GET", endpointPath({}), {}, {}, false, tr("Load endpoints")}, context,
         [onDone](const QJsonDocument &json) { return checked<QList<EndpointInfo>>(json, ApiAnswer::endpoints, onDone); },
         std::move(onError));
}

void ApiClient::getEndpoint(const QString &id, QObject *context, Callback<EndpointInfo> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(id))
        return refuse(tr("Load endpoint"), context, onError);
    send({"GET", endpointPath(id), {}, {}, false, tr("Load endpoint")}, context,
         [onDone](const QJsonDocument &json) { return checkedEndpoint(json, onDone); }, std::move(onError));
}

void ApiClient::createEndpoint(const QString &url, const QStringList &events, bool enabled, QObject *context,
                               std::function<void(const EndpointInfo &, const QString &)> onDone, ErrorCallback onError)
{
    const QJsonObject body{{QStringLiteral("url"), url},
                           {QStringLiteral("events"), QJsonArray::fromStringList(events)},
                           {QStringLiteral("enabled"), enabled}};
    send({"POST", endpointPath({}), {}, body, true, tr("Create endpoint")}, context,
         [onDone](const QJsonDocument &json) { return checkedSecret(json, onDone); }, std::move(onError));
}

void ApiClient::updateEndpoint(const QString &id, const QJsonObject &changes, QObject *context,
                               Callback<EndpointInfo> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(id))
        return refuse(tr("Update endpoint"), context, onError);
    send({"PATCH", endpointPath(id), {}, changes, true, tr("Update endpoint")}, context,
         [onDone](const QJsonDocument &json) { return checkedEndpoint(json, onDone); }, std::move(onError));
}

void ApiClient::deleteEndpoint(const QString &id, QObject *context, Callback<QString> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(id))
        return refuse(tr("Delete endpoint"), context, onError);
    send({"DELETE", endpointPath(id), {}, {}, false, tr("Delete endpoint")}, context,
         [onDone, id](const QJsonDocument &) {
             onDone(id);
             return QString();
         },
         std::move(onError));
}

void ApiClient::rotateSecret(const QString &id, QObject *context,
                             std::function<void(const EndpointInfo &, const QString &)> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(id))
        return refuse(tr("Rotate secret"), context, onError);
    send({"POST", endpointPath(id, QStringLiteral("/rotate-secret")), {}, {}, false, tr("Rotate secret")}, context,
         [onDone](const QJsonDocument &json) { return checkedSecret(json, onDone); }, std::move(onError));
}

void ApiClient::listDeliveries(const QString &endpointId, const DeliveryFilter &filter, QObject *context,
                               Callback<DeliveryListPage> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(endpointId))
        return refuse(tr("Load delivery history"), context, onError);
    send({"GET", endpointPath(endpointId, QStringLiteral("/deliveries")), filter.toQuery(), {}, false,
          tr("Load delivery history")},
         context,
         [onDone](const QJsonDocument &json) { return checked<DeliveryListPage>(json, ApiAnswer::deliveryPage, onDone); },
         std::move(onError));
}

void ApiClient::getDelivery(const QString &endpointId, const QString &deliveryId, QObject *context,
                            Callback<DeliveryInfo> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(endpointId) || !ApiAnswer::isDeliveryId(deliveryId))
        return refuse(tr("Load delivery"), context, onError);
    send({"GET", endpointPath(endpointId, QStringLiteral("/deliveries/") + pathPart(deliveryId)), {}, {}, false,
          tr("Load delivery")},
         context, [onDone](const QJsonDocument &json) { return checkedDelivery(json, onDone); },
         std::move(onError));
}

void ApiClient::retryDelivery(const QString &endpointId, const QString &deliveryId, QObject *context,
                              Callback<DeliveryInfo> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(endpointId) || !ApiAnswer::isDeliveryId(deliveryId))
        return refuse(tr("Retry delivery"), context, onError);
    send({"POST", endpointPath(endpointId, QStringLiteral("/deliveries/") + pathPart(deliveryId) + QStringLiteral("/retry")),
          {}, {}, false, tr("Retry delivery")},
         context, [onDone](const QJsonDocument &json) { return checkedDelivery(json, onDone); },
         std::move(onError));
}

void ApiClient::sendTestEvent(const QString &endpointId, const QString &event, QObject *context,
                              Callback<DeliveryInfo> onDone, ErrorCallback onError)
{
    if (!ApiAnswer::isEndpointId(endpointId))
        return refuse(tr("Send test event"), context, onError);
    send({"POST", endpointPath(endpointId, QStringLiteral("/test")), {}, QJsonObject{{QStringLiteral("event"), event}},
          true, tr("Send test event")},
         context, [onDone](const QJsonDocument &json) { return checkedDelivery(json, onDone); },
         std::move(onError));
}

void ApiClient::listAuditLog(int page, int perPage, QObject *context, Callback<AuditLogPage> onDone,
                             ErrorCallback onError)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    send({"GET", QStringLiteral("/api/audit-log"), query, {}, false, tr("Load audit log")}, context,
         [onDone](const QJsonDocument &json) { return checked<AuditLogPage>(json, ApiAnswer::auditPage, onDone); },
         std::move(onError));
}

QString ApiClient::endpointPath(const QString &id, const QString &rest) const
{
    QString path = QStringLiteral("/api/integrations/webhooks");
    if (!id.isEmpty())
        path += QLatin1Char('/') + pathPart(id);
    return path + rest;
}

void ApiClient::send(const Call &call, QObject *context, JsonHandler onSuccess, ErrorCallback onError)
{
    QUrl url = m_baseUrl;
    QString basePath = m_baseUrl.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + call.path, QUrl::TolerantMode);
    if (!call.query.isEmpty())
        url.setQuery(call.query);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QByteArray payload;
    if (call.hasBody) {
        payload = QJsonDocument(call.body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    QNetworkReply *reply = m_manager.sendCustomRequest(request, call.method, payload);
    emit requestSent(call.method, url);
    changePending(+1);

    // setTransferTimeout only notices silence; a server that drips bytes needs a hard deadline.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] {
        reply->setProperty(deadlineProperty, true);
        reply->abort();
    });
    deadline->start(m_deadlineMs);
    limitAnswerSize(reply);
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError> &errors) { checkCertificate(reply, errors); });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, generation = m_generation, call, ctx = QPointer<QObject>(context),
             onSuccess = std::move(onSuccess),
             onError = std::move(onError)] { finish(reply, generation, call, ctx, onSuccess, onError); });
}

void ApiClient::finish(QNetworkReply *reply, quint64 generation, const Call &call, QPointer<QObject> context,
                       const JsonHandler &onSuccess, const ErrorCallback &onError)
{
    reply->deleteLater();
    changePending(-1);
    if (generation != m_generation)
        return; // asked of a server we have left: neither its data nor its errors concern us now
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    ApiFailure failure;
    if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError) {
        QJsonParseError parseError{};
        const QJsonDocument json = body.isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(body, &parseError);
        if (!context)
            return;
        const QString problem = body.isEmpty() || parseError.error == QJsonParseError::NoError
            ? onSuccess(json)
            : tr("not JSON");
        if (problem.isEmpty())
            return;
        failure = notUnderstood(reply, call, problem);
    } else {
        failure = failureFrom(reply, call, body);
    }
    emit failed(failure);
    if (context && onError)
        onError(failure);
}

ApiFailure ApiClient::notUnderstood(QNetworkReply *reply, const Call &call, const QString &problem) const
{
    ApiFailure failure;
    failure.operation = call.operation;
    failure.url = reply->url();
    failure.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    failure.notUnderstood = true;
    failure.message = tr("the server sent an answer the console does not understand (%1 %2: %3)")
                          .arg(QString::fromLatin1(call.method), call.path, problem);
    return failure;
}

ApiFailure ApiClient::failureFrom(QNetworkReply *reply, const Call &call, const QByteArray &body) const
{
    ApiFailure failure;
    failure.operation = call.operation;
    failure.url = reply->url();
    failure.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // A server that sent its headers and then stalled is as unreachable as one that never answered.
    if (reply->property(deadlineProperty).toBool()) {
        failure.transport = true;
        failure.httpStatus = 0;
        failure.message = tr("no answer within %1 s").arg(qMax(1, m_deadlineMs / 1000));
        failure.outcomeUnknown = true;
        return failure;
    }
    if (reply->property(tooBigProperty).toBool()) {
        failure.notUnderstood = true;
        failure.message = tr("the answer is larger than %1 MiB, which the console does not read (%2 %3)")
                              .arg(m_maxAnswerBytes / (1024 * 1024))
                              .arg(QString::fromLatin1(call.method), call.path);
        return failure;
    }
    if (failure.httpStatus == 0 && reply->property(fingerprintProperty).isValid()) {
        describeCertificateFailure(reply, failure);
        return failure;
    }
    // Also after a status line: a connection that breaks mid-answer is a network problem, not an answer.
    if (failure.httpStatus == 0 || (reply->error() > QNetworkReply::NoError && reply->error() < 100)) {
        failure.httpStatus = 0;
        failure.transport = true;
        failure.message = reply->errorString();
        // Refused or unresolved: the request never left. Anything else may have been carried out.
        failure.outcomeUnknown = reply->error() != QNetworkReply::ConnectionRefusedError
            && reply->error() != QNetworkReply::HostNotFoundError;
        return failure;
    }
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    failure.code = error.value(QStringLiteral("code")).toString();
    failure.message = error.value(QStringLiteral("message")).toString();
    if (failure.message.isEmpty()) // not our server, or a proxy in between
        failure.message = failure.httpStatus >= 300 && failure.httpStatus < 400
            ? tr("unexpected redirect to %1").arg(reply->header(QNetworkRequest::LocationHeader).toUrl().toString())
            : tr("unexpected answer: %1").arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    return failure;
}

void ApiClient::refuse(const QString &operation, QObject *context, const ErrorCallback &onError)
{
    // An id that is not an id (empty, "..", another alphabet) would address some other resource.
    ApiFailure failure;
    failure.operation = operation;
    failure.notUnderstood = true;
    failure.message = tr("the server listed an id the console does not accept; nothing was sent");
    emit failed(failure);
    if (context && onError)
        onError(failure);
}

void ApiClient::limitAnswerSize(QNetworkReply *reply)
{
    auto check = [reply, limit = m_maxAnswerBytes](qint64 received) {
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (received > limit || announced > limit) {
            reply->setProperty(tooBigProperty, true);
            reply->abort();
        }
    };
    connect(reply, &QNetworkReply::metaDataChanged, reply, [check] { check(0); });
    connect(reply, &QNetworkReply::downloadProgress, reply, [check](qint64 received, qint64) { check(received); });
}

void ApiClient::changePending(int delta)
{
    const bool wasBusy = m_pending > 0;
    m_pending += delta;
    if (wasBusy != (m_pending > 0))
        emit busyChanged(m_pending > 0);
}

void ApiClient::checkCertificate(QNetworkReply *reply, const QList<QSslError> &errors)
{
    QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (peer.isNull() && !errors.isEmpty())
        peer = errors.first().certificate();
    const QString fingerprint = CertificateTrust::fingerprint(peer);
    if (m_trust.isTrusted(m_serverKey, fingerprint) && std::all_of(errors.cbegin(), errors.cend(), waivableByTrust)) {
        reply->ignoreSslErrors(errors);
        return;
    }
    QStringList reasons;
    for (const QSslError &error : errors)
        reasons.append(error.errorString());
    reply->setProperty(fingerprintProperty, fingerprint);
    reply->setProperty(sslErrorsProperty, reasons.join(QStringLiteral("; ")));
}

void ApiClient::describeCertificateFailure(QNetworkReply *reply, ApiFailure &failure) const
{
    failure.certificateFingerprint = reply->property(fingerprintProperty).toString();
    failure.trustedFingerprint = m_trust.trustedFingerprint(m_serverKey);
    const QString reasons = reply->property(sslErrorsProperty).toString();
    failure.certificateErrors = reasons;
    if (failure.certificateFingerprint.isEmpty()) { // nothing to trust: a plain TLS failure
        failure.transport = true;
        failure.message = reasons;
        return;
    }
    if (failure.certificateChanged())
        failure.message = tr("the server's certificate has CHANGED since you trusted it. This can be a "
                             "man-in-the-middle attack; connect only if the server's administrator confirms the "
                             "new certificate. New SHA-256 fingerprint: %1 (trusted: %2)")
                              .arg(failure.certificateFingerprint, failure.trustedFingerprint);
    else
        failure.message = tr("the server's certificate is not trusted (%1). SHA-256 fingerprint: %2")
                              .arg(reasons, failure.certificateFingerprint);
}
