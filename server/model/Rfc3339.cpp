#include "Rfc3339.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Rfc3339 {

QString format(qint64 unixMs)
{
    return QDateTime::fromMSecsSinceEpoch(unixMs, Qt::UTC).toString(Qt::ISODate);
}

QString formatOrNull(std::optional<qint64> unixMs)
{
    return unixMs ? format(*unixMs) : QString();
}

std::optional<qint64> parse(const QString &text)
{
    // Qt's ISO parser accepts more than RFC 3339 (dates without time, no offset); insist on the
    // full form so "2026-06-07" is an error, not a silent midnight in local time.
    static const QRegularExpression shape(QStringLiteral(
        R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$)"));
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    QString normalized = text;
    normalized[10] = QLatin1Char('T');
    if (normalized.endsWith(QLatin1Char('z')))
        normalized.back() = QLatin1Char('Z');
    const QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Rfc3339
