#include "ServerText.h"

#include <QCoreApplication>
#include <QStringView>

#include <algorithm>
#include <climits>

namespace {
QString visibleCodePoint(char32_t c)
{
    return QStringLiteral("\\u{%1}").arg(QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0')));
}

// Cuts before maxChars without splitting a surrogate pair.
QStringView capped(const QString &text, int maxChars)
{
    if (text.size() <= maxChars)
        return text;
    qsizetype end = maxChars;
    if (end > 0 && text.at(end - 1).isHighSurrogate())
        --end;
    return QStringView(text).left(end);
}
} // namespace

bool ServerText::isInvisibleControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) // C0, DEL, C1
        || c == 0x061c                           // Arabic letter mark
        || c == 0x200e || c == 0x200f            // LRM, RLM
        || (c >= 0x2028 && c <= 0x202e)          // line/paragraph separator, LRE RLE PDF LRO RLO
        || (c >= 0x2066 && c <= 0x2069)          // LRI RLI FSI PDI
        || c == 0xfeff;                          // zero-width no-break space
}

QString ServerText::plain(const QString &text, int maxChars)
{
    const QStringView kept = capped(text, maxChars);
    QString out;
    out.reserve(kept.size() + 16);
    for (const char32_t c : kept.toUcs4()) {
        if (isInvisibleControl(c))
            out += visibleCodePoint(c);
        else if (c <= 0xffff)
            out += QChar(c);
        else
            out += QString::fromUcs4(&c, 1);
    }
    // Computed apart: a template argument list inside translate() sends lupdate into an endless loop.
    const int missing = int(std::min(text.size() - kept.size(), qsizetype(INT_MAX)));
    if (missing > 0)
        out += QCoreApplication::translate("ServerText", "… (%n more characters)", nullptr, missing);
    return out;
}

QString ServerText::tooltip(const QString &text, int maxChars)
{
    // A tooltip is rich text whenever it looks like HTML; escaping inside an explicit rich-text
    // wrapper shows the server's text literally in every case.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + plain(text, maxChars).toHtmlEscaped()
        + QStringLiteral("</p>");
}
