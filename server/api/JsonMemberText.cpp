#include "JsonMemberText.h"

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(QByteArrayView json, qsizetype at)
{
    while (at < json.size() && isSpace(json[at]))
        ++at;
    return at;
}

// json[at] is the opening quote; returns the index after the closing one, or -1. Also -1 for a
// raw control byte: Qt's parser lets it through, RFC 8259 and strict receivers do not, so such
// text is left to be written out again (escaped) from the parsed object.
qsizetype skipString(QByteArrayView json, qsizetype at)
{
    for (++at; at < json.size(); ++at) {
        if (static_cast<unsigned char>(json[at]) < 0x20)
            return -1;
        if (json[at] == '\\')
            ++at;
        else if (json[at] == '"')
            return at + 1;
    }
    return -1;
}

// Returns the index after the value that starts at json[at], or -1.
qsizetype skipValue(QByteArrayView json, qsizetype at)
{
    if (at >= json.size())
        return -1;
    const char first = json[at];
    if (first == '"')
        return skipString(json, at);
    if (first == '{' || first == '[') {
        int depth = 0;
        while (at < json.size()) {
            const char c = json[at];
            if (c == '"') {
                at = skipString(json, at);
                if (at < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return at + 1;
            }
            ++at;
        }
        return -1;
    }
    while (at < json.size() && !isSpace(json[at]) && json[at] != ',' && json[at] != '}' && json[at] != ']')
        ++at;
    return at;
}

} // namespace

std::optional<QByteArrayView> JsonMemberText::find(QByteArrayView json, QByteArrayView name)
{
    qsizetype at = skipSpace(json, 0);
    if (at >= json.size() || json[at] != '{')
        return std::nullopt;
    at = skipSpace(json, at + 1);
    std::optional<QByteArrayView> found;
    while (at < json.size() && json[at] == '"') {
        const qsizetype nameEnd = skipString(json, at);
        if (nameEnd < 0)
            return std::nullopt;
        const QByteArrayView member = json.sliced(at + 1, nameEnd - at - 2);
        if (member.contains('\\'))
            return std::nullopt;
        at = skipSpace(json, nameEnd);
        if (at >= json.size() || json[at] != ':')
            return std::nullopt;
        const qsizetype valueStart = skipSpace(json, at + 1);
        const qsizetype valueEnd = skipValue(json, valueStart);
        if (valueEnd < 0)
            return std::nullopt;
        if (member == name) {
            if (found)
                return std::nullopt;
            found = json.sliced(valueStart, valueEnd - valueStart);
        }
        at = skipSpace(json, valueEnd);
        if (at < json.size() && json[at] == '}')
            return found;
        if (at >= json.size() || json[at] != ',')
            return std::nullopt;
        at = skipSpace(json, at + 1);
    }
    return std::nullopt;
}
