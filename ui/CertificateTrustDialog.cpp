#include "CertificateTrustDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

CertificateTrustDialog::CertificateTrustDialog(const QString &serverName, const ApiFailure &failure, QWidget *parent)
    : QDialog(parent)
    , m_fingerprint(failure.certificateFingerprint)
{
    setObjectName(QStringLiteral("certificateTrustDialog"));
    const bool changed = failure.certificateChanged();
    setWindowTitle(changed ? tr("Server Certificate Changed") : tr("Untrusted Server Certificate"));

    auto *explanation = new QLabel(this);
    explanation->setObjectName(QStringLiteral("certificateExplanation"));
    explanation->setWordWrap(true);
    explanation->setText(
        changed ? tr("<p><b>Warning: %1 presents a different certificate than the one you trusted.</b></p>"
                     "<p>Someone may be intercepting the connection (a man-in-the-middle attack). Trust the new "
                     "certificate only if the server's administrator confirms that it was replaced.</p>")
                      .arg(serverName.toHtmlEscaped())
                : tr("<p>The certificate of %1 cannot be verified (%2).</p>"
                     "<p>If the server uses a self-signed certificate, compare the fingerprint below with the one "
                     "the server logs at start (<i>certificate SHA-256 fingerprint</i>) before you trust it.</p>")
                      .arg(serverName.toHtmlEscaped(), failure.certificateErrors.toHtmlEscaped()));

    auto *fingerprint = new QLabel(this);
    fingerprint->setObjectName(QStringLiteral("certificateFingerprint"));
    fingerprint->setWordWrap(true);
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QString text = tr("SHA-256 fingerprint: %1").arg(m_fingerprint);
    if (changed)
        text += QLatin1Char('\n') + tr("Previously trusted: %1").arg(failure.trustedFingerprint);
    fingerprint->setText(text);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *trust = buttons->addButton(tr("&Trust This Certificate"), QDialogButtonBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    // The safe choice must be what Enter does.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    trust->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(fingerprint);
    layout->addWidget(buttons);
}
