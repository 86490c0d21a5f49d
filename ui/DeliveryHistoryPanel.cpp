#include "DeliveryHistoryPanel.h"

#include "ApiClient.h"
#include "DeliveryChart.h"
#include "DeliveryDetailView.h"
#include "DeliveryFilterBar.h"
#include "DeliveryTableModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

DeliveryHistoryPanel::DeliveryHistoryPanel(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_filterBar(new DeliveryFilterBar(this))
    , m_chart(new DeliveryChart(this))
    , m_model(new DeliveryTableModel(this))
    , m_table(new QTableView(this))
    , m_detail(new DeliveryDetailView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_pageLabel(new QLabel(this))
    , m_autoRefresh(new QCheckBox(tr("Auto-refresh"), this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("deliveryHistory"));
    m_table->setObjectName(QStringLiteral("deliveryTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DeliveryTableModel::IdColumn, QHeaderView::Stretch);
    m_splitter->setObjectName(QStringLiteral("historySplitter"));
    m_splitter->addWidget(m_chart);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(buildNavigation());

    connect(m_filterBar, &DeliveryFilterBar::changed, this, &DeliveryHistoryPanel::filterChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { emit retryAvailabilityChanged(canRetry()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeliveryHistoryPanel::loadDetail);
    connect(m_timer, &QTimer::timeout, this, &DeliveryHistoryPanel::autoRefresh);
    m_timer->start(5000);
    setEndpoint({});
}

QWidget *DeliveryHistoryPanel::buildNavigation()
{
    auto *bar = new QWidget(this);
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_previous->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_previous->setToolTip(tr("Previous page"));
    m_next->setObjectName(QStringLiteral("nextPage"));
    m_next->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_next->setToolTip(tr("Next page"));
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_autoRefresh->setObjectName(QStringLiteral("autoRefresh"));
    m_autoRefresh->setChecked(true);
    m_autoRefresh->setToolTip(tr("Reload the history every few seconds while it is visible"));
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_autoRefresh);
    layout->addStretch();
    layout->addWidget(m_previous);
    layout->addWidget(m_pageLabel);
    layout->addWidget(m_next);
    connect(m_previous, &QToolButton::clicked, this, [this] {
        m_clamped = false;
        goToPage(m_page - 1);
    });
    connect(m_next, &QToolButton::clicked, this, [this] {
        m_clamped = false;
        goToPage(m_page + 1);
    });
    return bar;
}

void DeliveryHistoryPanel::setAutoRefreshInterval(int milliseconds)
{
    m_timer->start(milliseconds);
}

void DeliveryHistoryPanel::setEndpoint(const EndpointInfo &endpoint)
{
    const bool same = endpoint.id == m_endpoint.id;
    m_endpoint = endpoint;
    if (same && !endpoint.id.isEmpty())
        return;
    m_page = 1;
    m_pageCount = 1;
    m_clamped = false;
    // A request for the previous endpoint (or server) may never answer us: do not wait for it.
    m_loading = false;
    m_model->setDeliveries({});
    m_chart->setDeliveries({});
    m_detail->clear();
    setEnabled(!endpoint.id.isEmpty());
    updateNavigation();
    if (!endpoint.id.isEmpty())
        refresh();
}

void DeliveryHistoryPanel::filterChanged()
{
    m_page = 1;
    m_clamped = false;
    refresh();
}

void DeliveryHistoryPanel::goToPage(qint64 page)
{
    m_page = qBound<qint64>(1, page, m_pageCount);
    loadPage();
}

void DeliveryHistoryPanel::refresh()
{
    if (m_endpoint.id.isEmpty() || !m_api->isConfigured())
        return;
    loadPage();
    loadChart();
    loadDetail();
}

void DeliveryHistoryPanel::loadPage()
{
    DeliveryFilter filter = m_filterBar->filter();
    filter.page = m_page;
    m_loading = true;
    const QString endpointId = m_endpoint.id;
    m_api->listDeliveries(
        endpointId, filter, this,
        [this, endpointId](const DeliveryListPage &page) {
            m_loading = false;
            if (endpointId == m_endpoint.id)
                showPage(page);
        },
        [this, endpointId](const ApiFailure &failure) {
            m_loading = false;
            // 422: the page is past the end (retries can shrink a filtered history under us).
            if (failure.httpStatus == 422 && endpointId == m_endpoint.id)
                pageGone();
        });
}

void DeliveryHistoryPanel::showPage(const DeliveryListPage &page)
{
    m_pageCount = page.pageCount();
    // The history can shrink under us (retention, endpoint changes): stay on a real page.
    if (page.deliveries.isEmpty() && m_page > 1) {
        pageGone();
        return;
    }
    if (!page.deliveries.isEmpty())
        m_clamped = false;
    m_model->setDeliveries(page.deliveries);
    updateNavigation();
    emit statusMessage(tr("Matching deliveries: %1").arg(page.total));
    emit retryAvailabilityChanged(canRetry());
}

void DeliveryHistoryPanel::pageGone()
{
    const qint64 last = qMin(m_pageCount, m_page - 1);
    if (m_clamped || m_page <= 1) {
        // Already moved once: show the empty page as it is instead of asking again.
        m_model->setDeliveries({});
        updateNavigation();
        return;
    }
    m_clamped = true;
    goToPage(qMax<qint64>(1, last));
}

void DeliveryHistoryPanel::loadChart()
{
    // The chart shows the newest 100 deliveries in the chosen time window, whatever their status,
    // so a page of failures does not hide how the rest went.
    DeliveryFilter window = m_filterBar->filter();
    window.status.reset();
    window.page = 1;
    window.perPage = 100;
    const QString endpointId = m_endpoint.id;
    m_api->listDeliveries(endpointId, window, this, [this, endpointId](const DeliveryListPage &page) {
        if (endpointId == m_endpoint.id)
            m_chart->setDeliveries(page.deliveries);
    });
}

void DeliveryHistoryPanel::loadDetail()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const QString deliveryId = m_model->delivery(current.row()).id;
    m_api->getDelivery(m_endpoint.id, deliveryId, this, [this, deliveryId](const DeliveryInfo &delivery) {
        const QModelIndex now = m_table->selectionModel()->currentIndex();
        if (now.isValid() && m_model->delivery(now.row()).id == deliveryId)
            m_detail->setDelivery(delivery);
    });
}

void DeliveryHistoryPanel::autoRefresh()
{
    if (m_autoRefresh->isChecked() && isVisible() && !m_loading && !window()->isMinimized())
        refresh();
}

void DeliveryHistoryPanel::updateNavigation()
{
    m_pageLabel->setText(tr("Page %1 of %2").arg(m_page).arg(m_pageCount));
    m_previous->setEnabled(m_page > 1);
    m_next->setEnabled(m_page < m_pageCount);
}

QStringList DeliveryHistoryPanel::selectedFailedIds() const
{
    QStringList ids;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        if (m_model->delivery(row.row()).status == DeliveryInfo::Status::Failed)
            ids.append(m_model->delivery(row.row()).id);
    return ids;
}

bool DeliveryHistoryPanel::canRetry() const
{
    return !selectedFailedIds().isEmpty();
}

void DeliveryHistoryPanel::retrySelected()
{
    const QStringList ids = selectedFailedIds();
    auto remaining = std::make_shared<int>(int(ids.size()));
    for (const QString &id : ids) {
        auto done = [this, remaining] {
            if (--*remaining == 0)
                refresh();
        };
        m_api->retryDelivery(
            m_endpoint.id, id, this,
            [this, done](const DeliveryInfo &delivery) {
                m_model->update(delivery);
                done();
            },
            [done](const ApiFailure &) { done(); });
    }
    if (!ids.isEmpty())
        emit statusMessage(tr("Retrying deliveries: %1…").arg(ids.size()));
}
