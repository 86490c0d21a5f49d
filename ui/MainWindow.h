#pragma once

#include "ApiClient.h"
#include "Connection.h"
#include "EndpointInfo.h"
#include "EventTypeInfo.h"
#include "SecretVault.h"

#include <QMainWindow>

class CertificatePrompt;
class ConnectionController;
class DeliveryHistoryPanel;
class EndpointActions;
class EndpointTableModel;
class MessageBanner;
class QActionGroup;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTimer;

// The console window. It manages whatever server connectTo() was given; with a
// ConnectionController it also offers the profiles ("This computer", remote servers).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void setConnectionController(ConnectionController *controller);
    // How often the server's health is checked, which is also how soon a lost server is found again.
    void setHealthCheckInterval(int milliseconds);
    void connectTo(const Connection &connection);

    ApiClient *api() { return &m_api; }
    SecretVault *vault() { return &m_vault; }
    EndpointTableModel *endpointModel() const { return m_endpoints; }
    QTableView *endpointView() const { return m_endpointView; }
    DeliveryHistoryPanel *historyPanel() const { return m_history; }
    MessageBanner *banner() const { return m_banner; }
    QString serverKey() const { return m_connection.serverKey; }
    std::optional<EndpointInfo> currentEndpoint() const;
    void selectEndpoint(const QString &id);

    void reload();
    void newEndpoint();
    void editEndpoint();
    void deleteEndpoint();
    void rotateSecret();
    void sendTestEvent();
    void verifySignature();
    void showAuditLog();
    QAction *rotateAction() const { return m_rotateAction; }

signals:
    // A fresh endpoint list from the server is shown.
    void endpointsLoaded();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createCentralWidget();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;
    void rebuildProfileMenu();
    void addRemoteServer();

    void loadEverything();
    void loadEndpoints();
    void checkHealth();
    void setConnected(bool connected, const QString &detail);
    void setStale(bool stale);
    void fitIntoScreen();
    void showFailure(const ApiFailure &failure);
    void updateActions();
    void setEndpointEnabled(const QString &id, bool enabled);
    void about();

    ApiClient m_api;
    SecretVault m_vault;
    Connection m_connection;
    ConnectionController *m_controller = nullptr;
    QList<EventTypeInfo> m_catalog;

    EndpointTableModel *m_endpoints;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_endpointView = nullptr;
    QLineEdit *m_filter = nullptr;
    DeliveryHistoryPanel *m_history;
    MessageBanner *m_banner = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_versionLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    QTimer *m_healthTimer;
    EndpointActions *m_actions;
    CertificatePrompt *m_certificatePrompt;
    QMenu *m_profileMenu = nullptr;
    QActionGroup *m_profileGroup = nullptr;
    bool m_connected = false;
    bool m_serverLost = false;
    bool m_stale = false; // the last endpoint list answer was not understood: what is shown is older // a request could not reach the server since the last health check

    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_rotateAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_testAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_verifyAction = nullptr;
};
