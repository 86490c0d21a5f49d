#include "ConfigFile.h"

#include <QFile>
#include <QTextStream>

std::optional<QList<ConfigFile::Entry>> ConfigFile::read(const QString &path, const QStringList &valueKeys,
                                                         const QStringList &switchKeys, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read configuration file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QList<Entry> entries;
    QTextStream stream(&file);
    int line = 0;
    while (!stream.atEnd()) {
        const QString text = stream.readLine();
        ++line;
        QString lineError;
        const auto entry = parseLine(text, line, valueKeys, switchKeys, &lineError);
        if (!lineError.isEmpty()) {
            *error = QStringLiteral("%1 line %2: %3").arg(path).arg(line).arg(lineError);
            return std::nullopt;
        }
        if (entry)
            entries.append(*entry);
    }
    return entries;
}

std::optional<ConfigFile::Entry> ConfigFile::parseLine(const QString &text, int line, const QStringList &valueKeys,
                                                       const QStringList &switchKeys, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
        return std::nullopt;
    const qsizetype equals = trimmed.indexOf(QLatin1Char('='));
    if (equals < 0) {
        *error = QStringLiteral("expected \"key = value\", got \"%1\"").arg(trimmed);
        return std::nullopt;
    }
    Entry entry{trimmed.left(equals).trimmed(), trimmed.mid(equals + 1).trimmed(), line};
    if (!valueKeys.contains(entry.key) && !switchKeys.contains(entry.key)) {
        *error = QStringLiteral("unknown key \"%1\" (keys are the long command-line options: %2)")
                     .arg(entry.key, (valueKeys + switchKeys).join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (switchKeys.contains(entry.key) && !parseSwitch(entry.value)) {
        *error = QStringLiteral("%1: \"%2\" is not true or false").arg(entry.key, entry.value);
        return std::nullopt;
    }
    if (valueKeys.contains(entry.key) && entry.value.isEmpty()) {
        *error = QStringLiteral("%1: no value after \"=\"").arg(entry.key);
        return std::nullopt;
    }
    return entry;
}

QStringList ConfigFile::toArguments(const Entry &entry, const QStringList &switchKeys)
{
    if (!switchKeys.contains(entry.key))
        return {QStringLiteral("--%1=%2").arg(entry.key, entry.value)};
    return parseSwitch(entry.value).value_or(false) ? QStringList{QStringLiteral("--") + entry.key} : QStringList{};
}

std::optional<bool> ConfigFile::parseSwitch(const QString &value)
{
    const QString lower = value.toLower();
    if (lower == QLatin1String("true") || lower == QLatin1String("yes") || lower == QLatin1String("on") || lower == QLatin1String("1"))
        return true;
    if (lower == QLatin1String("false") || lower == QLatin1String("no") || lower == QLatin1String("off") || lower == QLatin1String("0"))
        return false;
    return std::nullopt;
}
