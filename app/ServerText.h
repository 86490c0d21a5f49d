#pragma once

#include <QString>

#include <limits>

// Everything a server sends is data, never markup or layout instructions: a hostile or broken
// server must not put a link into a confirmation, reverse a URL with a bidi override, or
// freeze the window with a 10 MB string. Every server string shown goes through here.
class ServerText
{
public:
    static constexpr int kUrlMax = 2048;    // the API's own limit for endpoint URLs (docs/api.md)
    static constexpr int kMessageMax = 300; // errors, warnings, descriptions: the full text stays copyable
    static constexpr int kShortMax = 100;   // versions, ids, event names
    static constexpr int kUncapped = std::numeric_limits<int>::max(); // for copying, never for display

    // Capped at maxChars, with control characters and bidi controls shown as \u{XXXX}.
    // For labels and message boxes set to Qt::PlainText.
    static QString plain(const QString &text, int maxChars = kMessageMax);
    // The same as a tooltip: escaped and marked as rich text, so Qt never interprets the server's markup.
    static QString tooltip(const QString &text, int maxChars = kMessageMax);
    // True for characters that would change how the text around them is laid out or read.
    static bool isInvisibleControl(char32_t c);
};
