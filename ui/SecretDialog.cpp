#include "SecretDialog.h"

#include "SecretVault.h"
#include "ServerText.h"
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

SecretDialog::SecretDialog(const QString &endpointUrl, const QString &secret, QWidget *parent)
    : QDialog(parent)
    , m_secret(secret)
    , m_secretEdit(new QLineEdit(secret, this))
    , m_save(new QCheckBox(tr("Save in keychain"), this))
    , m_keychainStatus(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("secretDialog"));
    setWindowTitle(tr("Signing Secret"));
    m_secretEdit->setObjectName(QStringLiteral("secretEdit"));
    m_secretEdit->setReadOnly(true);
    m_secretEdit->setFont(QFont(QStringLiteral("monospace")));
    m_save->setObjectName(QStringLiteral("saveInKeychain"));
    m_save->setToolTip(tr("Keeps the secret in the system keychain so the Verify Signature tool can use it."));
    m_save->hide(); // until offerKeychain()
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatus"));
    m_keychainStatus->setTextFormat(Qt::PlainText); // carries the keychain's own error text
    m_keychainStatus->setWordWrap(true);
    m_keychainStatus->hide();

    auto *intro = new QLabel(tr("The signing secret of %1:").arg(ServerText::plain(endpointUrl, ServerText::kUrlMax)), this);
    intro->setObjectName(QStringLiteral("secretIntro"));
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    auto *copy = new QPushButton(tr("&Copy"), this);
    copy->setObjectName(QStringLiteral("copyButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_secret); });
    auto *warningIcon = new QLabel(this);
    warningIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    auto *warning = new QLabel(tr("This secret will not be shown again. Copy it into your receiver now; "
                                  "if it is lost you must rotate the secret."),
                               this);
    warning->setObjectName(QStringLiteral("secretWarning"));
    warning->setWordWrap(true);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secretEdit, 1);
    secretRow->addWidget(copy);
    auto *warningRow = new QHBoxLayout;
    warningRow->addWidget(warningIcon, 0, Qt::AlignTop);
    warningRow->addWidget(warning, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(secretRow);
    layout->addLayout(warningRow);
    layout->addWidget(m_save);
    layout->addWidget(m_keychainStatus);
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());
}

void SecretDialog::offerKeychain(SecretVault *vault, const QString &serverKey, const QString &endpointId)
{
    m_vault = vault;
    m_serverKey = serverKey;
    m_endpointId = endpointId;
    // Unticked until the keychain answered: a box ticked for a keychain that is not there
    // promises a copy of the secret that will never exist.
    m_save->setChecked(false);
    m_save->setEnabled(false);
    m_save->show();
    m_keychainStatus->setText(tr("Checking the keychain…"));
    m_keychainStatus->show();
    vault->checkReachable(this, [this](const QString &error) { keychainChecked(error); });
}

void SecretDialog::keychainChecked(const QString &error)
{
    m_save->setEnabled(true);
    if (!error.isEmpty()) {
        showKeychainProblem(tr("No keychain is reachable (%1), so the secret cannot be saved there. "
                               "Copy it now.")
                                .arg(error));
        return;
    }
    m_save->setChecked(true);
    m_keychainStatus->hide();
}

bool SecretDialog::saveInKeychain() const
{
    return m_vault && m_save->isChecked();
}

// Every way of closing (Close, Escape, the window's close button) ends here: the secret is
// saved first, so the dialog is still there when the save fails.
void SecretDialog::done(int result)
{
    if (m_saving)
        return;
    if (saveInKeychain() && !m_saved) {
        saveThenClose(result);
        return;
    }
    QDialog::done(result);
}

void SecretDialog::saveThenClose(int result)
{
    m_saving = true;
    m_save->setEnabled(false);
    m_buttons->setEnabled(false);
    m_keychainStatus->setStyleSheet(QString());
    m_keychainStatus->setText(tr("Saving in the keychain…"));
    m_keychainStatus->show();
    m_vault->storeEndpointSecret(m_serverKey, m_endpointId, m_secret, this,
                                 [this, result](const QString &error) { saved(error, result); });
}

void SecretDialog::saved(const QString &error, int result)
{
    m_saving = false;
    m_save->setEnabled(true);
    m_buttons->setEnabled(true);
    if (error.isEmpty()) {
        m_saved = true;
        QDialog::done(result);
        return;
    }
    // Unticked, so the next Close closes: the admin has seen the failure and can copy the secret.
    m_save->setChecked(false);
    showKeychainProblem(tr("The secret could not be saved in the keychain (%1). Copy it now, "
                           "or tick the box to try again.")
                            .arg(error));
}

void SecretDialog::showKeychainProblem(const QString &text)
{
    m_keychainStatus->setStyleSheet(QStringLiteral("color: #d93f3f"));
    m_keychainStatus->setText(text);
    m_keychainStatus->show();
}
