#include "SendTestDialog.h"

#include "ServerText.h"
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

SendTestDialog::SendTestDialog(const EndpointInfo &endpoint, const QList<EventTypeInfo> &catalog, QWidget *parent)
    : QDialog(parent)
    , m_catalog(catalog)
    , m_events(new QComboBox(this))
    , m_sample(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("sendTestDialog"));
    setWindowTitle(tr("Send Test Event"));
    m_events->setObjectName(QStringLiteral("eventCombo"));
    for (const EventTypeInfo &type : catalog)
        if (endpoint.subscribesToAll() || endpoint.events.contains(type.name))
            m_events->addItem(type.name);
    // Subscriptions to events the catalog no longer lists still deserve a test.
    for (const QString &event : endpoint.events)
        if (event != QLatin1String("*") && m_events->findText(event) < 0)
            m_events->addItem(event);
    m_sample->setReadOnly(true);
    m_sample->setFont(QFont(QStringLiteral("monospace")));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole)->setEnabled(m_events->count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_events, &QComboBox::currentIndexChanged, this, &SendTestDialog::showSample);

    auto *form = new QFormLayout;
    auto *urlLabel = new QLabel(ServerText::plain(endpoint.url, ServerText::kUrlMax), this);
    urlLabel->setTextFormat(Qt::PlainText);
    urlLabel->setWordWrap(true);
    form->addRow(tr("Endpoint:"), urlLabel);
    form->addRow(tr("&Event:"), m_events);
    form->addRow(tr("Sample data:"), m_sample);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("The payload is marked with \"test\": true."), this));
    layout->addWidget(buttons);
    showSample();
    resize(520, 360);
}

QString SendTestDialog::event() const
{
    return m_events->currentText();
}

void SendTestDialog::selectEvent(const QString &event)
{
    m_events->setCurrentIndex(m_events->findText(event));
}

void SendTestDialog::showSample()
{
    for (const EventTypeInfo &type : m_catalog)
        if (type.name == m_events->currentText()) {
            m_sample->setPlainText(QString::fromUtf8(QJsonDocument(type.sample).toJson(QJsonDocument::Indented)));
            return;
        }
    m_sample->clear();
}
