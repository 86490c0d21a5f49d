#include "MainWindow.h"

#include "AuditLogDialog.h"
#include "CertificatePrompt.h"
#include "ConnectionController.h"
#include "DeliveryHistoryPanel.h"
#include "EndpointActions.h"
#include "EndpointTableModel.h"
#include "EnaVersion.h"
#include "MessageBanner.h"
#include "RemoteServerDialog.h"

#include "ServerText.h"
#include "VerifySignatureDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace {
QIcon themed(const char *name, QStyle::StandardPixmap fallback, const QStyle *style)
{
    return QIcon::fromTheme(QString::fromLatin1(name), style->standardIcon(fallback));
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_endpoints(new EndpointTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_history(new DeliveryHistoryPanel(&m_api, this))
    , m_healthTimer(new QTimer(this))
    , m_actions(new EndpointActions(this))
    , m_certificatePrompt(new CertificatePrompt(&m_api, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ENA Webhooks Console"));
    setWindowIcon(QIcon(QStringLiteral(":/console/icons/ena-webhooks.svg")));
    createActions();
    createMenus();
    createCentralWidget();
    createStatusBar();
    restoreSettings();

    connect(&m_api, &ApiClient::failed, this, &MainWindow::showFailure);
    connect(&m_api, &ApiClient::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_endpoints, &EndpointTableModel::enabledChangeRequested, this, &MainWindow::setEndpointEnabled);
    connect(m_history, &DeliveryHistoryPanel::retryAvailabilityChanged, this, &MainWindow::updateActions);
    connect(m_history, &DeliveryHistoryPanel::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    // While the server is away we keep asking, so the window recovers on its own.
    connect(m_healthTimer, &QTimer::timeout, this, &MainWindow::checkHealth);
    connect(m_certificatePrompt, &CertificatePrompt::trusted, this, [this] {
        m_banner->hide();
        reload();
    });
    m_healthTimer->start(10000);
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const QStyle *s = style();
    m_newAction = new QAction(themed("document-new", QStyle::SP_FileIcon, s), tr("&New Endpoint…"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_editAction = new QAction(themed("document-edit", QStyle::SP_FileDialogDetailedView, s), tr("&Edit Endpoint…"), this);
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_deleteAction = new QAction(themed("edit-delete", QStyle::SP_TrashIcon, s), tr("&Delete Endpoint…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_rotateAction = new QAction(themed("view-refresh", QStyle::SP_BrowserReload, s), tr("Rotate &Secret…"), this);
    m_refreshAction = new QAction(themed("view-refresh", QStyle::SP_BrowserReload, s), tr("&Refresh"), this);
    // Not QKeySequence::Refresh: under GNOME that is also Ctrl+R, which would make Retry ambiguous.
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_testAction = new QAction(themed("mail-send", QStyle::SP_ArrowRight, s), tr("Send &Test Event…"), this);
    m_testAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_retryAction = new QAction(themed("edit-redo", QStyle::SP_MediaPlay, s), tr("Re&try Delivery"), this);
    m_retryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_verifyAction = new QAction(themed("security-high", QStyle::SP_DialogApplyButton, s), tr("&Verify Signature…"), this);
    m_verifyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    const QList<QPair<QAction *, const char *>> named{
        {m_newAction, "actionNew"},       {m_editAction, "actionEdit"},   {m_deleteAction, "actionDelete"},
        {m_rotateAction, "actionRotate"}, {m_refreshAction, "actionRefresh"}, {m_testAction, "actionTest"},
        {m_retryAction, "actionRetry"},   {m_verifyAction, "actionVerify"}};
    for (const auto &[action, name] : named)
        action->setObjectName(QString::fromLatin1(name));

    connect(m_newAction, &QAction::triggered, this, &MainWindow::newEndpoint);
    connect(m_editAction, &QAction::triggered, this, &MainWindow::editEndpoint);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteEndpoint);
    connect(m_rotateAction, &QAction::triggered, this, &MainWindow::rotateSecret);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::reload);
    connect(m_testAction, &QAction::triggered, this, &MainWindow::sendTestEvent);
    connect(m_retryAction, &QAction::triggered, m_history, &DeliveryHistoryPanel::retrySelected);
    connect(m_verifyAction, &QAction::triggered, this, &MainWindow::verifySignature);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&Server"));
    m_profileMenu = file->addMenu(tr("&Connect To"));
    m_profileMenu->setObjectName(QStringLiteral("profileMenu"));
    m_profileGroup = new QActionGroup(this);
    file->addAction(tr("&Add Remote Server…"), this, &MainWindow::addRemoteServer)
        ->setObjectName(QStringLiteral("actionAddServer"));
    file->addSeparator();
    file->addAction(tr("Audit &Log…"), this, &MainWindow::showAuditLog)->setObjectName(QStringLiteral("actionAuditLog"));
    file->addAction(m_refreshAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *endpoint = menuBar()->addMenu(tr("&Endpoint"));
    endpoint->addActions({m_newAction, m_editAction, m_deleteAction});
    endpoint->addSeparator();
    endpoint->addActions({m_rotateAction, m_testAction});

    QMenu *history = menuBar()->addMenu(tr("&History"));
    history->addAction(m_retryAction);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_verifyAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ENA Webhooks Console"), this, &MainWindow::about)
        ->setObjectName(QStringLiteral("actionAbout"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *toolbar = addToolBar(tr("Main Toolbar"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_newAction, m_editAction, m_deleteAction});
    toolbar->addSeparator();
    toolbar->addActions({m_testAction, m_retryAction, m_refreshAction});
    toolbar->addSeparator();
    toolbar->addAction(m_verifyAction);
    rebuildProfileMenu();
}

void MainWindow::createCentralWidget()
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("endpointFilter"));
    m_filter->setPlaceholderText(tr("Filter endpoints"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_endpoints);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(EndpointTableModel::SortRole);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_endpointView = new QTableView(this);
    m_endpointView->setObjectName(QStringLiteral("endpointTable"));
    m_endpointView->setModel(m_proxy);
    m_endpointView->setSortingEnabled(true);
    m_endpointView->sortByColumn(EndpointTableModel::CreatedColumn, Qt::DescendingOrder);
    m_endpointView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_endpointView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_endpointView->verticalHeader()->hide();
    m_endpointView->setWordWrap(false);
    m_endpointView->setTextElideMode(Qt::ElideMiddle);
    m_endpointView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_endpointView->horizontalHeader()->setSectionResizeMode(EndpointTableModel::UrlColumn, QHeaderView::Stretch);
    m_endpointView->horizontalHeader()->setSectionResizeMode(EndpointTableModel::EventsColumn, QHeaderView::Interactive);
    m_endpointView->horizontalHeader()->resizeSection(EndpointTableModel::EventsColumn, 140);
    m_endpointView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_endpointView->addActions({m_editAction, m_testAction, m_rotateAction, m_deleteAction});
    connect(m_endpointView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != EndpointTableModel::EnabledColumn)
            editEndpoint();
    });
    connect(m_endpointView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_history->setEndpoint(currentEndpoint().value_or(EndpointInfo()));
        updateActions();
    });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_endpointView);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_history);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({480, 800});

    m_banner = new MessageBanner(this);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
}

void MainWindow::createStatusBar()
{
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_versionLabel = new QLabel(this);
    m_versionLabel->setObjectName(QStringLiteral("versionLabel"));
    m_versionLabel->setTextFormat(Qt::PlainText);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setToolTip(tr("Talking to the server…"));
    m_busy->hide();
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_versionLabel);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_history->splitter()->restoreState(settings.value(QStringLiteral("window/historySplitter")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 760);
    fitIntoScreen(); // a size saved by an older version may not fit
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/historySplitter"), m_history->splitter()->saveState());
}

void MainWindow::fitIntoScreen()
{
    // Long server text once widened the window to 32,767 px, and that width was saved.
    // Never beyond the screen, or beyond the default size on screens smaller than that (the
    // window opens at that size anyway; the offscreen test screen is only 800x600).
    const QSize limit = screen()->availableGeometry().size().expandedTo(QSize(1280, 760));
    if (width() > limit.width() || height() > limit.height())
        resize(qMin(width(), limit.width()), qMin(height(), limit.height()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    fitIntoScreen();
    saveSettings();
    event->accept();
}

void MainWindow::setHealthCheckInterval(int milliseconds)
{
    m_healthTimer->start(milliseconds);
}

void MainWindow::setConnectionController(ConnectionController *controller)
{
    m_controller = controller;
    connect(controller, &ConnectionController::connectionReady, this, &MainWindow::connectTo);
    connect(controller, &ConnectionController::connectionFailed, this, [this](const QString &message) {
        setConnected(false, message);
        m_banner->showError(message);
    });
    connect(controller, &ConnectionController::profilesChanged, this, &MainWindow::rebuildProfileMenu);
    rebuildProfileMenu();
}

void MainWindow::rebuildProfileMenu()
{
    m_profileMenu->clear();
    qDeleteAll(m_profileGroup->actions());
    m_profileMenu->setEnabled(m_controller != nullptr);
    if (!m_controller)
        return;
    const QString current = m_controller->profiles().currentId();
    for (const ServerProfile &profile : m_controller->profiles().all()) {
        QAction *action = m_profileMenu->addAction(profile.name);
        action->setCheckable(true);
        action->setChecked(profile.id == current);
        m_profileGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, id = profile.id] {
            setConnected(false, tr("Connecting…"));
            m_controller->activate(id);
        });
    }
    if (current != ServerProfile::localId()) {
        m_profileMenu->addSeparator();
        m_profileMenu->addAction(tr("&Remove This Server"), this, [this, current] { m_controller->removeProfile(current); })
            ->setObjectName(QStringLiteral("actionRemoveServer"));
    }
}

void MainWindow::addRemoteServer()
{
    if (!m_controller)
        return;
    auto *dialog = new RemoteServerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        setConnected(false, tr("Connecting…"));
        m_controller->addRemote(dialog->name(), dialog->baseUrl(), dialog->token());
    });
    dialog->open();
}

void MainWindow::connectTo(const Connection &connection)
{
    m_connection = connection;
    m_api.setConnection(connection.baseUrl, connection.token, connection.serverKey);
    m_actions->setServerKey(connection.serverKey);
    m_endpoints->setEndpoints({});
    m_history->setEndpoint({});
    m_banner->hide();
    m_serverLost = false;
    setConnected(false, tr("Connecting to %1…").arg(connection.baseUrl.toDisplayString()));
    rebuildProfileMenu();
    reload();
}

void MainWindow::reload()
{
    if (!m_api.isConfigured())
        return;
    m_certificatePrompt->forgetDeclined();
    checkHealth();
    loadEverything();
}

void MainWindow::loadEverything()
{
    m_api.listEventTypes(this, [this](const QList<EventTypeInfo> &types) { m_catalog = types; });
    loadEndpoints();
    m_history->refresh();
}

void MainWindow::loadEndpoints()
{
    m_api.listEndpoints(this, [this](const QList<EndpointInfo> &endpoints) {
        // What is selected when the answer comes: a selection made meanwhile is kept.
        const QString selected = currentEndpoint() ? currentEndpoint()->id : QString();
        setStale(false);
        m_endpoints->setEndpoints(endpoints);
        if (!selected.isEmpty())
            selectEndpoint(selected);
        else if (m_proxy->rowCount() > 0)
            m_endpointView->selectRow(0);
        updateActions();
        emit endpointsLoaded();
    });
}

void MainWindow::checkHealth()
{
    if (!m_api.isConfigured())
        return;
    m_api.health(this, [this](const QString &version) {
        const bool recovered = m_serverLost;
        m_serverLost = false;
        m_versionLabel->setText(tr("Server %1").arg(ServerText::plain(version, ServerText::kShortMax)));
        setConnected(true, m_connection.name);
        // Whatever failed while the server was away was never loaded, and the rest may be stale.
        if (recovered)
            loadEverything();
    });
}

void MainWindow::setConnected(bool connected, const QString &detail)
{
    m_connected = connected;
    const QString color = connected ? QStringLiteral("#2e9e4f") : QStringLiteral("#d93f3f");
    QString text = connected ? tr("Connected to %1").arg(detail) : detail;
    if (connected && m_stale)
        text = tr("Connected to %1, but its last answer was not understood: the list shown may be out of date").arg(detail);
    const QString shownColor = connected && m_stale ? QStringLiteral("#e09b1a") : color;
    m_connectionLabel->setText(QStringLiteral("<span style=\"color:%1\">●</span> ").arg(shownColor) + text.toHtmlEscaped());
    if (!connected)
        m_versionLabel->clear();
}

void MainWindow::showFailure(const ApiFailure &failure)
{
    if (failure.untrustedCertificate()) {
        setConnected(false, tr("Certificate of %1 not trusted").arg(m_api.baseUrl().toDisplayString()));
        m_banner->showError(failure.describe(), failure.describe(ServerText::kUncapped));
        m_certificatePrompt->ask(m_connection.name, failure);
        return;
    }
    if (failure.notUnderstood) {
        // Keep what was shown, but never pass it off as current.
        setStale(true);
        m_banner->showError(failure.describe(), failure.describe(ServerText::kUncapped));
        return;
    }
    if (failure.transport) {
        m_serverLost = true;
        // Lost server: say so where the connection state lives and keep retrying quietly.
        setConnected(false, tr("Cannot reach %1 (%2), retrying…").arg(m_api.baseUrl().toDisplayString(), ServerText::plain(failure.message)));
        return;
    }
    m_banner->showError(failure.describe(), failure.describe(ServerText::kUncapped));
}

void MainWindow::setStale(bool stale)
{
    m_stale = stale;
    m_endpointView->setEnabled(!stale);
    m_endpointView->setToolTip(stale ? tr("Out of date: the server's last answer was not understood") : QString());
    if (m_connected) // otherwise the label says why there is no connection, which stays true
        setConnected(true, m_connection.name);
    updateActions();
}

std::optional<EndpointInfo> MainWindow::currentEndpoint() const
{
    const QModelIndexList rows = m_endpointView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_endpoints->endpoint(m_proxy->mapToSource(rows.first()).row());
}

void MainWindow::selectEndpoint(const QString &id)
{
    const int row = m_endpoints->rowOf(id);
    if (row < 0)
        return;
    m_endpointView->selectRow(m_proxy->mapFromSource(m_endpoints->index(row, 0)).row());
}

void MainWindow::updateActions()
{
    const bool haveEndpoint = currentEndpoint().has_value() && !m_stale;
    for (QAction *action : {m_editAction, m_deleteAction, m_rotateAction, m_testAction})
        action->setEnabled(haveEndpoint);
    m_retryAction->setEnabled(haveEndpoint && m_history->canRetry());
}

void MainWindow::setEndpointEnabled(const QString &id, bool enabled)
{
    m_api.updateEndpoint(id, QJsonObject{{QStringLiteral("enabled"), enabled}}, this,
                         [this](const EndpointInfo &endpoint) {
                             m_endpoints->upsert(endpoint);
                             statusBar()->showMessage(endpoint.enabled ? tr("Endpoint enabled") : tr("Endpoint disabled"), 4000);
                         });
}

void MainWindow::newEndpoint()
{
    m_actions->create(m_catalog);
}

void MainWindow::editEndpoint()
{
    if (const auto endpoint = currentEndpoint())
        m_actions->edit(*endpoint, m_catalog);
}

void MainWindow::deleteEndpoint()
{
    if (const auto endpoint = currentEndpoint())
        m_actions->remove(*endpoint);
}

void MainWindow::rotateSecret()
{
    if (const auto endpoint = currentEndpoint())
        m_actions->rotate(*endpoint);
}

void MainWindow::sendTestEvent()
{
    if (const auto endpoint = currentEndpoint())
        m_actions->sendTest(*endpoint, m_catalog);
}

void MainWindow::verifySignature()
{
    QList<EndpointInfo> endpoints;
    for (int row = 0; row < m_endpoints->rowCount(); ++row)
        endpoints.append(m_endpoints->endpoint(row));
    auto *dialog = new VerifySignatureDialog(&m_vault, m_connection.serverKey, endpoints, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const auto endpoint = currentEndpoint())
        dialog->selectEndpoint(endpoint->id);
    dialog->show();
}

void MainWindow::showAuditLog()
{
    if (!m_api.isConfigured())
        return;
    auto *dialog = new AuditLogDialog(&m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About ENA Webhooks Console"),
                       tr("<h3>ENA Webhooks Console %1</h3>"
                          "<p>Manage webhook endpoints, follow deliveries, send tests and verify signatures "
                          "of an ENA Webhooks server.</p><p>Built with Qt %2.</p>")
                           .arg(QStringLiteral(ENA_WEBHOOKS_VERSION), QString::fromLatin1(qVersion())));
}
