#pragma once

#include "ApiFailure.h"

#include <QObject>
#include <QPointer>
#include <QSet>

class ApiClient;
class CertificateTrustDialog;
class QWidget;

// Turns "untrusted certificate" failures into one trust question at a time: the many requests
// a reload sends all fail together, and a declined certificate is not asked about again until
// the user reloads.
class CertificatePrompt : public QObject
{
    Q_OBJECT
public:
    CertificatePrompt(ApiClient *api, QWidget *window);

    void ask(const QString &serverName, const ApiFailure &failure);
    // Asking again is allowed after an explicit reload.
    void forgetDeclined() { m_declined.clear(); }

signals:
    void trusted();

private:
    ApiClient *m_api;
    QWidget *m_window;
    QPointer<CertificateTrustDialog> m_dialog;
    QSet<QString> m_declined;
};
