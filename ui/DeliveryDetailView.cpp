#include "DeliveryDetailView.h"

#include "DeliveryTableModel.h"

#include "ServerText.h"
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

DeliveryDetailView::DeliveryDetailView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_attempts(new QTreeWidget(this))
    , m_body(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("deliveryDetail"));
    m_summary->setObjectName(QStringLiteral("deliverySummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attempts->setObjectName(QStringLiteral("attemptTree"));
    m_attempts->setRootIsDecorated(false);
    m_attempts->setHeaderLabels({tr("Attempt"), tr("Started"), tr("Duration"), tr("Result")});
    m_attempts->header()->setStretchLastSection(true);
    m_attempts->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setReadOnly(true);
    m_body->setFont(QFont(QStringLiteral("monospace")));
    m_body->setPlaceholderText(tr("Response body of the selected attempt"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("detailSplitter"));
    split->addWidget(m_attempts);
    split->addWidget(m_body);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    connect(m_attempts, &QTreeWidget::currentItemChanged, this, &DeliveryDetailView::showBody);
    clear();
}

void DeliveryDetailView::clear()
{
    m_delivery = {};
    m_summary->setText(tr("Select a delivery to see its attempts."));
    m_attempts->clear();
    m_body->clear();
}

int DeliveryDetailView::attemptCount() const
{
    return m_attempts->topLevelItemCount();
}

void DeliveryDetailView::setDelivery(const DeliveryInfo &delivery)
{
    m_delivery = delivery;
    const QLocale locale;
    QString summary = tr("%1 · %2 · event %3 · %4")
                          .arg(ServerText::plain(delivery.id, ServerText::kShortMax),
                               ServerText::plain(delivery.event, ServerText::kShortMax),
                               ServerText::plain(delivery.eventId, ServerText::kShortMax),
                               DeliveryTableModel::statusText(delivery.status));
    if (delivery.nextAttemptAt.isValid())
        summary += QLatin1Char('\n') + tr("Next attempt: %1").arg(locale.toString(delivery.nextAttemptAt.toLocalTime(),
                                                                                  QLocale::LongFormat));
    if (!delivery.lastError.isEmpty())
        summary += QLatin1Char('\n') + tr("Last error: %1").arg(ServerText::plain(delivery.lastError));
    m_summary->setText(summary);
    m_attempts->clear();
    for (const AttemptInfo &attempt : delivery.attempts) {
        const QString result = attempt.httpStatus ? tr("HTTP %1").arg(*attempt.httpStatus) : QString();
        const QString error = ServerText::plain(attempt.error);
        const QString outcome = error.isEmpty() ? result
                                                        : (result.isEmpty() ? error : result + QStringLiteral(" – ") + error);
        auto *item = new QTreeWidgetItem(m_attempts, {QString::number(attempt.number),
                                                      locale.toString(attempt.startedAt.toLocalTime(), QLocale::ShortFormat),
                                                      tr("%1 ms").arg(attempt.durationMs), outcome});
        const bool ok = attempt.httpStatus && *attempt.httpStatus >= 200 && *attempt.httpStatus < 300;
        item->setIcon(3, DeliveryTableModel::statusIcon(ok ? DeliveryInfo::Status::Delivered : DeliveryInfo::Status::Failed));
    }
    if (m_attempts->topLevelItemCount() > 0)
        m_attempts->setCurrentItem(m_attempts->topLevelItem(m_attempts->topLevelItemCount() - 1));
}

void DeliveryDetailView::showBody()
{
    const int row = m_attempts->currentIndex().row();
    if (row < 0 || row >= m_delivery.attempts.size()) {
        m_body->clear();
        return;
    }
    m_body->setPlainText(m_delivery.attempts.at(row).responseBody);
}
