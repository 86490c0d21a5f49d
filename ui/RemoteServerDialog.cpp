#include "RemoteServerDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

RemoteServerDialog::RemoteServerDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Remote Server"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_url->setPlaceholderText(tr("https://webhooks.example.com"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setToolTip(tr("The admin token is kept in the system keychain."));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Base URL:"), m_url);
    form->addRow(tr("Admin &token:"), m_token);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_name, m_url, m_token})
        connect(edit, &QLineEdit::textChanged, this, &RemoteServerDialog::revalidate);
    revalidate();
    resize(460, sizeHint().height());
}

QString RemoteServerDialog::name() const
{
    return m_name->text().trimmed();
}

QUrl RemoteServerDialog::baseUrl() const
{
    return QUrl(m_url->text().trimmed(), QUrl::StrictMode);
}

QString RemoteServerDialog::token() const
{
    return m_token->text().trimmed();
}

void RemoteServerDialog::revalidate()
{
    const QUrl url = baseUrl();
    const bool urlOk = url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty() && urlOk && !token().isEmpty());
}
