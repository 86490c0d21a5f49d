#include "AuditLogDialog.h"

#include "ApiClient.h"
#include "AuditLogTableModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

AuditLogDialog::AuditLogDialog(ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_model(new AuditLogTableModel(this))
{
    setObjectName(QStringLiteral("auditLogDialog"));
    setWindowTitle(tr("Audit Log"));
    createWidgets();
    resize(860, 480);
    refresh();
}

void AuditLogDialog::createWidgets()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_pageSize = new QComboBox(this);
    m_pageSize->setObjectName(QStringLiteral("pageSize"));
    for (int size : {10, 20, 50, 100})
        m_pageSize->addItem(tr("%n per page", nullptr, size), size);
    m_pageSize->setCurrentIndex(2);
    connect(m_pageSize, &QComboBox::currentIndexChanged, this, [this] { goTo(1); });
    m_previous = new QPushButton(tr("&Previous"), this);
    m_previous->setObjectName(QStringLiteral("previousButton"));
    m_next = new QPushButton(tr("&Next"), this);
    m_next->setObjectName(QStringLiteral("nextButton"));
    connect(m_previous, &QPushButton::clicked, this, [this] { goTo(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { goTo(m_page + 1); });
    m_pageLabel = new QLabel(this);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *reload = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    reload->setObjectName(QStringLiteral("refreshButton"));
    connect(reload, &QPushButton::clicked, this, &AuditLogDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *paging = new QHBoxLayout;
    paging->addWidget(m_pageSize);
    paging->addStretch(1);
    paging->addWidget(m_previous);
    paging->addWidget(m_pageLabel);
    paging->addWidget(m_next);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(paging);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);
}

void AuditLogDialog::refresh()
{
    goTo(m_page);
}

void AuditLogDialog::goTo(int page)
{
    const int wanted = qMax(1, page);
    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    m_api->listAuditLog(
        wanted, m_pageSize->currentData().toInt(), this, [this](const AuditLogPage &result) { showPage(result); },
        [this](const ApiFailure &failure) {
            m_errorLabel->setText(failure.describe());
            m_errorLabel->show();
            m_previous->setEnabled(m_page > 1);
            m_next->setEnabled(m_page < m_pageCount);
        });
}

void AuditLogDialog::showPage(const AuditLogPage &page)
{
    m_page = page.page;
    m_pageCount = page.pageCount();
    m_model->setEntries(page.entries);
    m_errorLabel->hide();
    m_pageLabel->setText(tr("Page %1 of %2 (%n entries)", nullptr, page.total).arg(m_page).arg(m_pageCount));
    m_previous->setEnabled(m_page > 1);
    m_next->setEnabled(m_page < m_pageCount);
    emit pageLoaded();
}
