#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// Reads the part of YAML that docs/openapi.yaml is written in, so tests can look at the document
// as data rather than as lines: block mappings and sequences by indentation, flow collections
// ({a: b}, [x, y], also across lines), plain and quoted scalars, '|' block text and # comments.
// Plain scalars stay strings except true, false and null. Anything else (anchors, tags,
// multi-line plain scalars, several documents) is an error that names the line.
class YamlSubset
{
public:
    static QJsonValue parse(const QByteArray &text, QString *error);
};
