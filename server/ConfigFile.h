#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Reads a server configuration file ("key = value" lines, "#" comments) whose keys are the
// long command-line options, and turns it into command-line arguments. Putting those in front
// of the real arguments lets QCommandLineParser's "last value wins" make flags win.
class ConfigFile
{
public:
    struct Entry
    {
        QString key;
        QString value;
        int line = 0;
    };

    // valueKeys take a value; switchKeys are true/false. Errors name the file and the line.
    static std::optional<QList<Entry>> read(const QString &path, const QStringList &valueKeys,
                                            const QStringList &switchKeys, QString *error);
    // "--key=value" for value keys, "--key" for switches set to true, nothing for false.
    static QStringList toArguments(const Entry &entry, const QStringList &switchKeys);
    static std::optional<bool> parseSwitch(const QString &value);

private:
    static std::optional<Entry> parseLine(const QString &text, int line, const QStringList &valueKeys,
                                          const QStringList &switchKeys, QString *error);
};
