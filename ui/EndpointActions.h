#pragma once

#include "ApiFailure.h"
#include "EndpointInfo.h"
#include "EventTypeInfo.h"

#include <QObject>

class MainWindow;

// The endpoint operations behind the main window's actions: each opens its dialog or
// confirmation without blocking, calls the API, and keeps the keychain in step.
class EndpointActions : public QObject
{
    Q_OBJECT
public:
    explicit EndpointActions(MainWindow *window);

    void setServerKey(const QString &serverKey) { m_serverKey = serverKey; }

    void create(const QList<EventTypeInfo> &catalog);
    void edit(const EndpointInfo &endpoint, const QList<EventTypeInfo> &catalog);
    void remove(const EndpointInfo &endpoint);
    void rotate(const EndpointInfo &endpoint);
    void sendTest(const EndpointInfo &endpoint, const QList<EventTypeInfo> &catalog);

signals:
    // After the secret dialog closed; it saves in the keychain (when asked) before it closes.
    void secretHandled(const QString &endpointId, bool storedInKeychain);
    void testQueued(const QString &deliveryId);

private:
    QStringList knownEndpointIds() const;
    // After a create whose answer never came: finds the endpoint in the reloaded list, if it is there.
    void lookForUnansweredCreate(const QString &url, const QStringList &known, const ApiFailure &failure);
    QString createdMeanwhile(const QString &url, const QStringList &known) const;
    void warnIfNeeded(const EndpointInfo &endpoint);
    void showSecret(const EndpointInfo &endpoint, const QString &secret);
    void forgetSecret(const QString &endpointId);
    void say(const QString &message);

    MainWindow *m_window;
    QString m_serverKey;
};
