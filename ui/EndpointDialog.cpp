#include "EndpointDialog.h"

#include "ServerText.h"
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

EndpointDialog::EndpointDialog(const QList<EventTypeInfo> &catalog, QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(this))
    , m_urlProblem(new QLabel(this))
    , m_allEvents(new QCheckBox(tr("All events, current and future"), this))
    , m_eventList(new QListWidget(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("endpointDialog"));
    setWindowTitle(tr("New Endpoint"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("https://hooks.example.com/ena"));
    m_urlProblem->setObjectName(QStringLiteral("urlProblem"));
    m_urlProblem->setStyleSheet(QStringLiteral("color: #d93f3f"));
    m_allEvents->setObjectName(QStringLiteral("allEvents"));
    m_eventList->setObjectName(QStringLiteral("eventList"));
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setChecked(true);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d93f3f"));
    m_error->hide();
    buildEventList(catalog);

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(QString(), m_urlProblem);
    form->addRow(tr("Events:"), m_allEvents);
    form->addRow(QString(), m_eventList);
    form->addRow(QString(), m_enabled);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &EndpointDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EndpointDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, &EndpointDialog::revalidate);
    connect(m_allEvents, &QCheckBox::toggled, this, &EndpointDialog::revalidate);
    connect(m_eventList, &QListWidget::itemChanged, this, &EndpointDialog::revalidate);
    revalidate();
    resize(520, 420);
}

void EndpointDialog::buildEventList(const QList<EventTypeInfo> &catalog)
{
    for (const EventTypeInfo &type : catalog) {
        auto *item = new QListWidgetItem(ServerText::plain(type.name, ServerText::kShortMax), m_eventList);
        item->setData(Qt::UserRole, type.name);
        item->setToolTip(ServerText::tooltip(type.description));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

void EndpointDialog::setEndpoint(const EndpointInfo &endpoint)
{
    setWindowTitle(tr("Edit Endpoint"));
    m_endpointId = endpoint.id;
    m_url->setText(endpoint.url);
    m_allEvents->setChecked(endpoint.subscribesToAll());
    for (int row = 0; row < m_eventList->count(); ++row) {
        QListWidgetItem *item = m_eventList->item(row);
        item->setCheckState(endpoint.events.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    m_enabled->setChecked(endpoint.enabled);
}

QString EndpointDialog::url() const
{
    return m_url->text().trimmed();
}

QStringList EndpointDialog::events() const
{
    if (m_allEvents->isChecked())
        return {QStringLiteral("*")};
    QStringList chosen;
    for (int row = 0; row < m_eventList->count(); ++row)
        if (m_eventList->item(row)->checkState() == Qt::Checked)
            chosen.append(m_eventList->item(row)->data(Qt::UserRole).toString());
    return chosen;
}

bool EndpointDialog::isEnabledChecked() const
{
    return m_enabled->isChecked();
}

QString EndpointDialog::urlProblem(const QString &text)
{
    if (text.trimmed().isEmpty())
        return tr("Enter the URL that should receive the webhooks.");
    if (text.size() > 2048)
        return tr("The URL is longer than 2048 characters.");
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return tr("Enter an absolute URL such as https://hooks.example.com/ena.");
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return tr("Only http and https URLs can receive webhooks.");
    if (url.host().isEmpty())
        return tr("The URL needs a host name.");
    return {};
}

void EndpointDialog::revalidate()
{
    m_eventList->setEnabled(!m_allEvents->isChecked());
    const QString problem = m_url->text().isEmpty() ? QString() : urlProblem(m_url->text());
    m_urlProblem->setText(problem);
    m_urlProblem->setVisible(!problem.isEmpty());
    const bool ok = urlProblem(m_url->text()).isEmpty() && !events().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void EndpointDialog::accept()
{
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false); // until the server answers
    emit submitted();
}

void EndpointDialog::showError(const QString &message)
{
    m_error->setText(ServerText::plain(message));
    m_error->show();
    revalidate();
}

void EndpointDialog::finish()
{
    QDialog::accept();
}
