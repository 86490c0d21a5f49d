#include "MessageBanner.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

MessageBanner::MessageBanner(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_offer(new QToolButton(this))
    , m_copyFull(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setAutoFillBackground(true);
    m_label->setObjectName(QStringLiteral("messageText"));
    // Messages carry server text: never markup (ServerText makes the rest visible and short).
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_offer->setObjectName(QStringLiteral("offerButton"));
    m_offer->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_offer->hide();
    m_copyFull->setObjectName(QStringLiteral("copyFullMessage"));
    m_copyFull->setText(tr("Copy full message"));
    m_copyFull->setToolTip(tr("The message is shortened here; this copies all of it"));
    m_copyFull->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_copyFull->hide();
    // Copied, never shown: laying out megabytes of one line is what froze the window.
    connect(m_copyFull, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(m_fullMessage); });
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_offer);
    layout->addWidget(m_copyFull);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBanner::showError(const QString &message, const QString &fullMessage)
{
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    showMessage(message, QColor(0xd9, 0x3f, 0x3f));
    m_fullMessage = fullMessage;
    m_copyFull->setVisible(!fullMessage.isEmpty() && fullMessage != message);
}

void MessageBanner::showInfo(const QString &message)
{
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(16, 16));
    showMessage(message, QColor(0x3b, 0x7d, 0xd8));
}

void MessageBanner::showWarning(const QString &message)
{
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    showMessage(message, QColor(0xe0, 0x9b, 0x1a));
}

void MessageBanner::offer(QAction *action)
{
    m_offer->setDefaultAction(action);
    m_offer->show();
}

QString MessageBanner::text() const
{
    return isVisibleTo(parentWidget()) ? m_label->text() : QString();
}

void MessageBanner::showMessage(const QString &message, const QColor &color)
{
    QPalette palette = this->palette();
    // A tint of the accent over the window colour keeps the text readable in dark themes.
    QColor tint = color;
    tint.setAlpha(50);
    const QColor window = palette.color(QPalette::Window);
    const qreal a = tint.alphaF();
    palette.setColor(QPalette::Window, QColor::fromRgbF(window.redF() * (1 - a) + tint.redF() * a,
                                                        window.greenF() * (1 - a) + tint.greenF() * a,
                                                        window.blueF() * (1 - a) + tint.blueF() * a));
    setPalette(palette);
    m_label->setText(message);
    m_offer->hide(); // an offer belongs to the message it came with
    m_copyFull->hide();
    show();
}
