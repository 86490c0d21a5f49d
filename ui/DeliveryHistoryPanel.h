#pragma once

#include "DeliveryFilter.h"
#include "DeliveryListPage.h"
#include "EndpointInfo.h"

#include <QWidget>

class ApiClient;
class DeliveryChart;
class DeliveryDetailView;
class DeliveryFilterBar;
class DeliveryTableModel;
class QCheckBox;
class QLabel;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

// The selected endpoint's delivery history: filter bar, chart, paged table, attempt details.
// Refreshes itself while visible unless paused.
class DeliveryHistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryHistoryPanel(ApiClient *api, QWidget *parent = nullptr);

    void setEndpoint(const EndpointInfo &endpoint); // an empty id clears the panel
    QString endpointId() const { return m_endpoint.id; }
    void refresh();
    void retrySelected();
    bool canRetry() const;

    DeliveryFilterBar *filterBar() const { return m_filterBar; }
    DeliveryTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QSplitter *splitter() const { return m_splitter; }
    void setAutoRefreshInterval(int milliseconds);
    qint64 page() const { return m_page; }
    qint64 pageCount() const { return m_pageCount; }

signals:
    void retryAvailabilityChanged(bool available);
    void statusMessage(const QString &message);

private:
    QWidget *buildNavigation();
    void filterChanged();
    void goToPage(qint64 page);
    void pageGone();
    void loadPage();
    void showPage(const DeliveryListPage &page);
    void loadChart();
    void loadDetail();
    void autoRefresh();
    void updateNavigation();
    QStringList selectedFailedIds() const;

    ApiClient *m_api;
    EndpointInfo m_endpoint;
    DeliveryFilterBar *m_filterBar;
    DeliveryChart *m_chart;
    DeliveryTableModel *m_model;
    QTableView *m_table;
    DeliveryDetailView *m_detail;
    QSplitter *m_splitter;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_pageLabel;
    QCheckBox *m_autoRefresh;
    QTimer *m_timer;
    qint64 m_page = 1;
    qint64 m_pageCount = 1;
    // Set when an empty or refused page sent us to the last page: done once until the user or a
    // full page moves us again, so a server whose counts keep changing cannot make us loop.
    bool m_clamped = false;
    bool m_loading = false;
};
