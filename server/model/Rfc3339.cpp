#include "Rfc3339.h"

#include <QDateTime>
#include <QRegularExpression>

#include <cstdio>

namespace Rfc3339 {

QString format(qint64 unixMs)
{
    return QString::fromLatin1(formatLatin1(unixMs));
}

QByteArray formatLatin1(qint64 unixMs)
{
    // Every list answer formats several times per row; QDateTime::toString was a tenth of the
    // cost of GET /api/integrations/webhooks, plain arithmetic is a small fraction of it.
    const qint64 seconds = unixMs >= 0 ? unixMs / 1000 : (unixMs - 999) / 1000;
    const qint64 days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const auto secondOfDay = static_cast<int>(seconds - days * 86400);
    const QDate date = QDate(1970, 1, 1).addDays(days);
    // By hand: snprintf was half the cost of building a delivery's payload.
    char text[32];
    const auto put = [&text](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char('0' + value % 10);
    };
    const int year = date.year();
    if (year < 0 || year > 9999) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, date.month(), date.day(),
                      secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
        return QByteArray(text);
    }
    put(0, year, 4);
    text[4] = '-';
    put(5, date.month(), 2);
    text[7] = '-';
    put(8, date.day(), 2);
    text[10] = 'T';
    put(11, secondOfDay / 3600, 2);
    text[13] = ':';
    put(14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(17, secondOfDay % 60, 2);
    text[19] = 'Z';
    text[20] = '\0';
    return QByteArray(text, 20);
}

QString formatOrNull(std::optional<qint64> unixMs)
{
    return unixMs ? format(*unixMs) : QString();
}

namespace {

struct Parsed
{
    qint64 firstMs = 0;
    int fractionDigits = 0;
};

std::optional<Parsed> parseWithPrecision(const QString &text)
{
    // Qt's ISO parser accepts more than RFC 3339 (dates without time, no offset); insist on the
    // full form so "2026-06-07" is an error, not a silent midnight in local time.
    static const QRegularExpression shape(QStringLiteral(
        R"(^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$)"));
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    // The fraction is read here rather than by Qt, which rounds digits past the millisecond and
    // so could move a time into the next second.
    const QString zone = match.captured(4).toUpper();
    const QDateTime parsed = QDateTime::fromString(match.captured(1) + QLatin1Char('T') + match.captured(2) + zone,
                                                   Qt::ISODate);
    if (!parsed.isValid())
        return std::nullopt;
    const QString fraction = match.captured(3);
    const int millis = fraction.isEmpty() ? 0 : QString(fraction + QStringLiteral("00")).left(3).toInt();
    return Parsed{parsed.toMSecsSinceEpoch() + millis, static_cast<int>(fraction.size())};
}

} // namespace

std::optional<qint64> parse(const QString &text)
{
    const auto parsed = parseWithPrecision(text);
    if (!parsed)
        return std::nullopt;
    return parsed->firstMs;
}

std::optional<qint64> parseLast(const QString &text)
{
    const auto parsed = parseWithPrecision(text);
    if (!parsed)
        return std::nullopt;
    static constexpr qint64 kSpanMs[] = {1000, 100, 10}; // by number of fraction digits
    return parsed->firstMs + (parsed->fractionDigits < 3 ? kSpanMs[parsed->fractionDigits] - 1 : 0);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Rfc3339
