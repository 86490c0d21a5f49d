#include "DeliveryFilterBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>

namespace {
QDateTimeEdit *makeTimeEdit(QWidget *parent, const QString &name, const QDateTime &initial)
{
    auto *edit = new QDateTimeEdit(initial, parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setEnabled(false);
    return edit;
}
} // namespace

DeliveryFilterBar::DeliveryFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_fromEnabled(new QCheckBox(tr("From"), this))
    , m_from(makeTimeEdit(this, QStringLiteral("fromEdit"), QDateTime::currentDateTime().addDays(-1)))
    , m_toEnabled(new QCheckBox(tr("To"), this))
    , m_to(makeTimeEdit(this, QStringLiteral("toEdit"), QDateTime::currentDateTime()))
    , m_status(new QComboBox(this))
    , m_pageSize(new QComboBox(this))
{
    m_fromEnabled->setObjectName(QStringLiteral("fromEnabled"));
    m_fromEnabled->setToolTip(tr("Unchecked: any time"));
    m_toEnabled->setObjectName(QStringLiteral("toEnabled"));
    m_toEnabled->setToolTip(tr("Unchecked: any time"));
    m_status->setObjectName(QStringLiteral("statusCombo"));
    m_status->addItem(tr("All statuses"));
    m_status->addItem(tr("Delivered"), int(DeliveryInfo::Status::Delivered));
    m_status->addItem(tr("Failed"), int(DeliveryInfo::Status::Failed));
    m_status->addItem(tr("Pending"), int(DeliveryInfo::Status::Pending));
    m_pageSize->setObjectName(QStringLiteral("pageSizeCombo"));
    for (int size : {10, 20, 50, 100})
        m_pageSize->addItem(tr("%n per page", nullptr, size), size);
    m_pageSize->setCurrentIndex(1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fromEnabled);
    layout->addWidget(m_from);
    layout->addWidget(m_toEnabled);
    layout->addWidget(m_to);
    layout->addWidget(m_status);
    layout->addWidget(m_pageSize);
    layout->addStretch();

    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QCheckBox *box : {m_fromEnabled, m_toEnabled})
        connect(box, &QCheckBox::toggled, this, &DeliveryFilterBar::changed);
    for (QDateTimeEdit *edit : {m_from, m_to})
        connect(edit, &QDateTimeEdit::editingFinished, this, &DeliveryFilterBar::changed);
    for (QComboBox *combo : {m_status, m_pageSize})
        connect(combo, &QComboBox::currentIndexChanged, this, &DeliveryFilterBar::changed);
}

DeliveryFilter DeliveryFilterBar::filter() const
{
    DeliveryFilter filter;
    if (m_fromEnabled->isChecked())
        filter.from = m_from->dateTime();
    if (m_toEnabled->isChecked())
        filter.to = m_to->dateTime();
    if (m_status->currentData().isValid())
        filter.status = DeliveryInfo::Status(m_status->currentData().toInt());
    filter.perPage = m_pageSize->currentData().toInt();
    return filter;
}

void DeliveryFilterBar::setFilter(const DeliveryFilter &filter)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_fromEnabled), QSignalBlocker(m_toEnabled),
                                       QSignalBlocker(m_status), QSignalBlocker(m_pageSize)};
    m_fromEnabled->setChecked(filter.from.isValid());
    m_from->setEnabled(filter.from.isValid());
    if (filter.from.isValid())
        m_from->setDateTime(filter.from.toLocalTime());
    m_toEnabled->setChecked(filter.to.isValid());
    m_to->setEnabled(filter.to.isValid());
    if (filter.to.isValid())
        m_to->setDateTime(filter.to.toLocalTime());
    m_status->setCurrentIndex(filter.status ? m_status->findData(int(*filter.status)) : 0);
    const int sizeIndex = m_pageSize->findData(filter.perPage);
    m_pageSize->setCurrentIndex(sizeIndex >= 0 ? sizeIndex : 1);
    emit changed();
}
