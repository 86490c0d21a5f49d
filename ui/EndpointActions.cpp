#include "EndpointActions.h"

#include "DeliveryHistoryPanel.h"
#include "EndpointDialog.h"
#include "EndpointTableModel.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "SecretDialog.h"
#include "SendTestDialog.h"

#include "ServerText.h"
#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

#include <functional>
#include <memory>

namespace {
// Asks without blocking (tests and the event loop keep running) and runs onConfirm only when the
// destructive button was pressed.
void confirmThen(QWidget *parent, const QString &name, const QString &title, const QString &text,
                 const QString &acceptText, QObject *context, std::function<void()> onConfirm)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, parent);
    box->setObjectName(name);
    box->setTextFormat(Qt::PlainText); // the text names server data: a URL must never become a link
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *accept = box->addButton(acceptText, QMessageBox::DestructiveRole);
    accept->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::buttonClicked, context, [box, onConfirm = std::move(onConfirm)](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            onConfirm();
    });
    box->open();
}
} // namespace

EndpointActions::EndpointActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
}

void EndpointActions::say(const QString &message)
{
    m_window->statusBar()->showMessage(message, 5000);
}

void EndpointActions::create(const QList<EventTypeInfo> &catalog)
{
    auto *dialog = new EndpointDialog(catalog, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EndpointDialog::submitted, this, [this, dialog] {
        const QStringList known = knownEndpointIds();
        m_window->api()->createEndpoint(
            dialog->url(), dialog->events(), dialog->isEnabledChecked(), dialog,
            [this, dialog](const EndpointInfo &endpoint, const QString &secret) {
                m_window->endpointModel()->upsert(endpoint);
                m_window->selectEndpoint(endpoint.id);
                dialog->finish();
                warnIfNeeded(endpoint);
                showSecret(endpoint, secret);
            },
            [this, dialog, known](const ApiFailure &failure) {
                if (!failure.outcomeUnknown) {
                    dialog->showError(failure.message);
                    return;
                }
                // OK again would send a second create: the dialog goes, and the list tells.
                const QString url = dialog->url();
                dialog->reject();
                lookForUnansweredCreate(url, known, failure);
            });
    });
    dialog->open();
}

QStringList EndpointActions::knownEndpointIds() const
{
    QStringList ids;
    for (int row = 0; row < m_window->endpointModel()->rowCount(); ++row)
        ids.append(m_window->endpointModel()->endpoint(row).id);
    return ids;
}

void EndpointActions::lookForUnansweredCreate(const QString &url, const QStringList &known, const ApiFailure &failure)
{
    const QString shownUrl = ServerText::plain(url, ServerText::kUrlMax);
    m_window->banner()->showWarning(tr("Creating %1 got no answer (%2). The server may have created the endpoint "
                                       "all the same; reloading the list to find out…")
                                        .arg(shownUrl, ServerText::plain(failure.message)));
    // Once: the next list shown, which may only come when the server is back.
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_window, &MainWindow::endpointsLoaded, this, [this, once, url, known, shownUrl] {
        disconnect(*once);
        const QString id = createdMeanwhile(url, known);
        if (id.isEmpty()) {
            m_window->banner()->showWarning(
                tr("%1 is not in the endpoint list: the server did not create it. Create it again with New Endpoint.").arg(shownUrl));
            return;
        }
        m_window->selectEndpoint(id);
        m_window->banner()->showWarning(tr("The server did create %1 (selected), but its signing secret never arrived. "
                                           "Rotate the secret to get one you can use.")
                                            .arg(shownUrl));
        m_window->banner()->offer(m_window->rotateAction());
    });
    m_window->reload();
}

QString EndpointActions::createdMeanwhile(const QString &url, const QStringList &known) const
{
    const EndpointTableModel *model = m_window->endpointModel();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->endpoint(row).url == url && !known.contains(model->endpoint(row).id))
            return model->endpoint(row).id;
    return {};
}

void EndpointActions::edit(const EndpointInfo &endpoint, const QList<EventTypeInfo> &catalog)
{
    auto *dialog = new EndpointDialog(catalog, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEndpoint(endpoint);
    connect(dialog, &EndpointDialog::submitted, this, [this, dialog, endpoint] {
        QJsonObject changes;
        if (dialog->url() != endpoint.url)
            changes.insert(QStringLiteral("url"), dialog->url());
        if (dialog->events() != endpoint.events)
            changes.insert(QStringLiteral("events"), QJsonArray::fromStringList(dialog->events()));
        if (dialog->isEnabledChecked() != endpoint.enabled)
            changes.insert(QStringLiteral("enabled"), dialog->isEnabledChecked());
        if (changes.isEmpty()) {
            dialog->finish();
            return;
        }
        m_window->api()->updateEndpoint(
            endpoint.id, changes, dialog,
            [this, dialog](const EndpointInfo &updated) {
                m_window->endpointModel()->upsert(updated);
                dialog->finish();
                say(tr("Endpoint saved"));
                warnIfNeeded(updated);
            },
            [dialog](const ApiFailure &failure) { dialog->showError(failure.message); });
    });
    dialog->open();
}

void EndpointActions::remove(const EndpointInfo &endpoint)
{
    confirmThen(m_window, QStringLiteral("confirmDelete"), tr("Delete Endpoint"),
                tr("Delete the endpoint %1?\n\nNo further events will be delivered to it, its delivery history is "
                   "deleted, and its secret is removed from the keychain.")
                    .arg(ServerText::plain(endpoint.url, ServerText::kUrlMax)),
                tr("&Delete"), this, [this, endpoint] {
                    m_window->api()->deleteEndpoint(endpoint.id, this, [this, endpoint](const QString &id) {
                        m_window->endpointModel()->remove(id);
                        forgetSecret(id);
                        say(tr("Deleted %1").arg(ServerText::plain(endpoint.url, ServerText::kUrlMax)));
                    });
                });
}

void EndpointActions::rotate(const EndpointInfo &endpoint)
{
    confirmThen(m_window, QStringLiteral("confirmRotate"), tr("Rotate Secret"),
                tr("Create a new signing secret for %1?\n\nThe old secret stops working immediately: every delivery from "
                   "now on is signed with the new one, so update your receiver right away.")
                    .arg(ServerText::plain(endpoint.url, ServerText::kUrlMax)),
                tr("&Rotate"), this, [this, id = endpoint.id] {
                    m_window->api()->rotateSecret(id, this, [this](const EndpointInfo &rotated, const QString &secret) {
                        m_window->endpointModel()->upsert(rotated);
                        showSecret(rotated, secret);
                    });
                });
}

void EndpointActions::sendTest(const EndpointInfo &endpoint, const QList<EventTypeInfo> &catalog)
{
    auto *dialog = new SendTestDialog(endpoint, catalog, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = endpoint.id] {
        m_window->api()->sendTestEvent(id, dialog->event(), this, [this](const DeliveryInfo &delivery) {
            say(tr("Test event queued as %1").arg(ServerText::plain(delivery.id, ServerText::kShortMax)));
            m_window->historyPanel()->refresh();
            emit testQueued(delivery.id);
        });
    });
    dialog->open();
}

void EndpointActions::warnIfNeeded(const EndpointInfo &endpoint)
{
    // Saved all the same: the admin may know better (a server started with --allow-private-network later).
    if (!endpoint.warning.isEmpty())
        m_window->banner()->showWarning(tr("Endpoint %1 saved, but: %2")
                                             .arg(ServerText::plain(endpoint.url, ServerText::kUrlMax),
                                                  ServerText::plain(endpoint.warning)));
}

void EndpointActions::showSecret(const EndpointInfo &endpoint, const QString &secret)
{
    auto *dialog = new SecretDialog(endpoint.url, secret, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->offerKeychain(m_window->vault(), m_serverKey, endpoint.id);
    connect(dialog, &QDialog::finished, this, [this, dialog, id = endpoint.id] {
        if (dialog->savedInKeychain())
            say(tr("Secret saved in the keychain"));
        emit secretHandled(id, dialog->savedInKeychain());
    });
    dialog->open();
}

void EndpointActions::forgetSecret(const QString &endpointId)
{
    m_window->vault()->removeEndpointSecret(m_serverKey, endpointId, this, [this](const QString &error) {
        if (!error.isEmpty())
            m_window->banner()->showError(tr("The secret could not be removed from the keychain: %1").arg(error));
    });
}
