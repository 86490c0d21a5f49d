#include "JsonMemberText.h"

// Qt's parser has accepted the body already, so its structure is sound; what the scanner checks
// besides is what Qt lets through and RFC 8259 does not (raw control bytes and unknown escapes in
// strings, numbers such as "1." or ".5"), because the text found is sent to receivers as it is.
// Anything of that kind makes find() answer nothing, and the parsed object is written instead.
namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(QByteArrayView json, qsizetype at)
{
    return at < json.size() && json[at] >= '0' && json[at] <= '9';
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

qsizetype skipSpace(QByteArrayView json, qsizetype at)
{
    while (at < json.size() && isSpace(json[at]))
        ++at;
    return at;
}

qsizetype skipDigits(QByteArrayView json, qsizetype at)
{
    while (isDigit(json, at))
        ++at;
    return at;
}

// Each scanner takes the index where its token starts and returns the index after it, or -1.

qsizetype skipEscape(QByteArrayView json, qsizetype at) // json[at] is the backslash
{
    if (++at >= json.size())
        return -1;
    switch (json[at]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return at + 1;
    case 'u':
        for (qsizetype i = at + 1; i <= at + 4; ++i) {
            if (i >= json.size() || !isHex(json[i]))
                return -1;
        }
        return at + 5;
    default:
        return -1;
    }
}

qsizetype skipString(QByteArrayView json, qsizetype at)
{
    for (++at; at < json.size();) {
        const char c = json[at];
        if (c == '"')
            return at + 1;
        if (static_cast<unsigned char>(c) < 0x20)
            return -1;
        at = c == '\\' ? skipEscape(json, at) : at + 1;
        if (at < 0)
            return -1;
    }
    return -1;
}

qsizetype skipNumber(QByteArrayView json, qsizetype at)
{
    if (at < json.size() && json[at] == '-')
        ++at;
    if (at < json.size() && json[at] == '0')
        ++at;
    else if (isDigit(json, at))
        at = skipDigits(json, at);
    else
        return -1;
    if (at < json.size() && json[at] == '.') {
        if (!isDigit(json, ++at))
            return -1;
        at = skipDigits(json, at);
    }
    if (at < json.size() && (json[at] == 'e' || json[at] == 'E')) {
        ++at;
        if (at < json.size() && (json[at] == '+' || json[at] == '-'))
            ++at;
        if (!isDigit(json, at))
            return -1;
        at = skipDigits(json, at);
    }
    return at;
}

qsizetype skipLiteral(QByteArrayView json, qsizetype at)
{
    for (const QByteArrayView word : {QByteArrayView("true"), QByteArrayView("false"), QByteArrayView("null")}) {
        if (json.sliced(at).startsWith(word))
            return at + word.size();
    }
    return -1;
}

// A string, number or literal.
qsizetype skipScalar(QByteArrayView json, qsizetype at)
{
    if (at >= json.size())
        return -1;
    if (json[at] == '"')
        return skipString(json, at);
    if (json[at] == '-' || isDigit(json, at))
        return skipNumber(json, at);
    return skipLiteral(json, at);
}

qsizetype skipValue(QByteArrayView json, qsizetype at)
{
    if (at >= json.size())
        return -1;
    if (json[at] != '{' && json[at] != '[')
        return skipScalar(json, at);
    int depth = 0;
    while (at < json.size()) {
        const char c = json[at];
        if (c == '{' || c == '[') {
            ++depth;
            ++at;
        } else if (c == '}' || c == ']') {
            ++at;
            if (--depth == 0)
                return at;
        } else if (c == ',' || c == ':' || isSpace(c)) {
            ++at;
        } else {
            at = skipScalar(json, at);
            if (at < 0)
                return -1;
        }
    }
    return -1;
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
