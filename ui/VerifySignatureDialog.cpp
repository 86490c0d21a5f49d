#include "VerifySignatureDialog.h"

#include "ServerText.h"
#include "SecretVault.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

VerifySignatureDialog::VerifySignatureDialog(SecretVault *vault, const QString &serverKey,
                                             const QList<EndpointInfo> &endpoints, QWidget *parent)
    : QDialog(parent)
    , m_vault(vault)
    , m_serverKey(serverKey)
    , m_id(new QLineEdit(this))
    , m_timestamp(new QLineEdit(this))
    , m_signature(new QLineEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_source(new QComboBox(this))
    , m_secret(new QLineEdit(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("verifySignatureDialog"));
    setWindowTitle(tr("Verify Signature"));
    m_id->setPlaceholderText(QStringLiteral("msg_… / del_…"));
    m_timestamp->setPlaceholderText(tr("Unix seconds, e.g. 1614265330"));
    m_signature->setPlaceholderText(QStringLiteral("v1,…"));
    m_body->setPlaceholderText(tr("The raw request body, exactly as received"));
    m_body->setFont(QFont(QStringLiteral("monospace")));
    m_source->addItem(tr("Paste a secret"));
    for (const EndpointInfo &endpoint : endpoints)
        m_source->addItem(tr("Endpoint %1 (secret from keychain)").arg(ServerText::plain(endpoint.url, ServerText::kUrlMax)), endpoint.id);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(QStringLiteral("whs_…"));
    m_result->setObjectName(QStringLiteral("verifyResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("webhook-&id:"), m_id);
    form->addRow(QStringLiteral("webhook-&timestamp:"), m_timestamp);
    form->addRow(QStringLiteral("webhook-&signature:"), m_signature);
    form->addRow(tr("&Body:"), m_body);
    form->addRow(tr("Secret &from:"), m_source);
    form->addRow(tr("S&ecret:"), m_secret);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *verifyButton = buttons->addButton(tr("&Verify"), QDialogButtonBox::ActionRole);
    verifyButton->setObjectName(QStringLiteral("verifyButton"));
    verifyButton->setDefault(true);
    connect(verifyButton, &QPushButton::clicked, this, &VerifySignatureDialog::verify);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_source, &QComboBox::currentIndexChanged, this, &VerifySignatureDialog::secretSourceChanged);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(620, 520);
}

void VerifySignatureDialog::setMessage(const QString &webhookId, const QString &timestamp, const QString &signature,
                                       const QString &body)
{
    m_id->setText(webhookId);
    m_timestamp->setText(timestamp);
    m_signature->setText(signature);
    m_body->setPlainText(body);
}

void VerifySignatureDialog::setSecret(const QString &secret)
{
    m_source->setCurrentIndex(0);
    m_secret->setText(secret);
}

void VerifySignatureDialog::selectEndpoint(const QString &endpointId)
{
    m_source->setCurrentIndex(qMax(0, m_source->findData(endpointId)));
}

QString VerifySignatureDialog::resultText() const
{
    return m_result->text();
}

void VerifySignatureDialog::secretSourceChanged()
{
    m_secret->setEnabled(m_source->currentIndex() == 0);
}

void VerifySignatureDialog::verify()
{
    const QString endpointId = m_source->currentData().toString();
    if (endpointId.isEmpty()) {
        verifyWith(m_secret->text());
        return;
    }
    m_result->setText(tr("Reading the secret from the keychain…"));
    m_vault->readEndpointSecret(m_serverKey, endpointId, this,
                                [this](const std::optional<QString> &secret, const QString &error) {
                                    if (!error.isEmpty())
                                        m_result->setText(tr("Cannot read the keychain: %1").arg(error));
                                    else if (!secret)
                                        m_result->setText(tr("No secret for this endpoint in the keychain. "
                                                             "Paste it, or rotate the secret and save it."));
                                    else
                                        verifyWith(*secret);
                                });
}

void VerifySignatureDialog::verifyWith(const QString &secret)
{
    // The body is checked byte for byte: the text is taken as UTF-8 exactly as pasted.
    showResult(SignatureCheck::check(m_id->text(), m_timestamp->text(), m_signature->text(),
                                     m_body->toPlainText().toUtf8(), secret));
}

void VerifySignatureDialog::showResult(const SignatureCheck::Result &result)
{
    QString text;
    QString color = QStringLiteral("#d93f3f");
    switch (result.outcome) {
    case SignatureCheck::Outcome::Valid:
        text = tr("Valid signature.");
        color = QStringLiteral("#2e9e4f");
        break;
    case SignatureCheck::Outcome::Invalid:
        text = tr("Invalid signature: it was not made with this secret over this id, timestamp and body.");
        break;
    case SignatureCheck::Outcome::BadSecret:
        text = tr("The secret is not valid: expected whs_ followed by base64.");
        break;
    case SignatureCheck::Outcome::BadTimestamp:
        text = tr("The timestamp must be Unix seconds.");
        break;
    case SignatureCheck::Outcome::MissingInput:
        text = tr("Fill in webhook-id, webhook-signature and a secret.");
        break;
    }
    if (result.outcome == SignatureCheck::Outcome::Valid || result.outcome == SignatureCheck::Outcome::Invalid) {
        text += QLatin1Char(' ') + describeAge(result.ageSeconds);
        if (!result.timestampFresh)
            text += QLatin1Char(' ') + tr("Receivers reject timestamps more than 5 minutes off.");
    }
    m_result->setStyleSheet(QStringLiteral("color: ") + color);
    m_result->setText(text);
    emit verified(result.outcome);
}

QString VerifySignatureDialog::describeAge(qint64 seconds)
{
    if (seconds < 0)
        return tr("The timestamp lies %1 s in the future.").arg(-seconds);
    return tr("Age of the timestamp: %1 s.").arg(seconds);
}
