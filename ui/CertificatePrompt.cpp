#include "CertificatePrompt.h"

#include "ApiClient.h"
#include "CertificateTrustDialog.h"

CertificatePrompt::CertificatePrompt(ApiClient *api, QWidget *window)
    : QObject(window)
    , m_api(api)
    , m_window(window)
{
}

void CertificatePrompt::ask(const QString &serverName, const ApiFailure &failure)
{
    if (m_dialog || m_declined.contains(failure.certificateFingerprint))
        return;
    m_dialog = new CertificateTrustDialog(serverName, failure, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, fingerprint = failure.certificateFingerprint] {
        m_api->trustCertificate(fingerprint);
        emit trusted();
    });
    connect(m_dialog, &QDialog::rejected, this,
            [this, fingerprint = failure.certificateFingerprint] { m_declined.insert(fingerprint); });
    m_dialog->open();
}
