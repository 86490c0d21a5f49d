#include "SecretDialog.h"

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
{
    setObjectName(QStringLiteral("secretDialog"));
    setWindowTitle(tr("Signing Secret"));
    m_secretEdit->setObjectName(QStringLiteral("secretEdit"));
    m_secretEdit->setReadOnly(true);
    m_secretEdit->setFont(QFont(QStringLiteral("monospace")));
    m_save->setObjectName(QStringLiteral("saveInKeychain"));
    m_save->setChecked(true);
    m_save->setToolTip(tr("Keeps the secret in the system keychain so the Verify Signature tool can use it."));

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
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

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
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

bool SecretDialog::saveInKeychain() const
{
    return m_save->isChecked();
}
