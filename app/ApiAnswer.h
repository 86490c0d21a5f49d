#pragma once

#include "AuditLogPage.h"
#include "DeliveryInfo.h"
#include "DeliveryListPage.h"
#include "EndpointInfo.h"
#include "EventTypeInfo.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonValue>

// What the API promises its answers look like (docs/api.md). A server the console does not
// control can send anything; whatever does not match is refused as a whole, so a broken list
// never replaces the last good one and an id that is not an id is never sent back in a path.
// Each check returns an empty string and fills `out`, or says what is wrong.
class ApiAnswer
{
    Q_DECLARE_TR_FUNCTIONS(ApiAnswer)
public:
    static bool isEndpointId(const QString &id);
    static bool isDeliveryId(const QString &id);

    static QString version(const QJsonDocument &json, QString &out);
    static QString eventTypes(const QJsonDocument &json, QList<EventTypeInfo> &out);
    static QString endpoints(const QJsonDocument &json, QList<EndpointInfo> &out);
    static QString endpoint(const QJsonValue &json, EndpointInfo &out);
    static QString endpointWithSecret(const QJsonDocument &json, EndpointInfo &out, QString &secret);
    static QString deliveryPage(const QJsonDocument &json, DeliveryListPage &out);
    static QString delivery(const QJsonValue &json, DeliveryInfo &out);
    static QString auditPage(const QJsonDocument &json, AuditLogPage &out);

private:
    static QString dataArray(const QJsonDocument &json, QJsonArray &out);
    static QString meta(const QJsonDocument &json, qint64 &page, qint64 &perPage, qint64 &total);
};
