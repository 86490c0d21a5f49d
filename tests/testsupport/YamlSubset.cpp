#include "YamlSubset.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace {

struct YamlError
{
    QString message;
};

class Parser
{
public:
    explicit Parser(const QByteArray &text)
        : m_text(QString::fromUtf8(text))
    {
    }

    QJsonValue document()
    {
        const int column = nextContentLine(false);
        if (column < 0)
            return {};
        if (column != 0)
            fail(QStringLiteral("the document must start at column 0"));
        const QJsonValue value = blockNode();
        if (!atEnd())
            fail(QStringLiteral("unexpected indentation"));
        return value;
    }

private:
    [[noreturn]] void fail(const QString &message) const
    {
        const qsizetype line = m_text.left(m_pos).count(QLatin1Char('\n')) + 1;
        throw YamlError{QStringLiteral("line %1: %2").arg(line).arg(message)};
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar();
    }
    int column() const
    {
        // lastIndexOf() takes -1 as "from the end", not as "before the start".
        const qsizetype lineStart = m_pos == 0 ? 0 : m_text.lastIndexOf(QLatin1Char('\n'), m_pos - 1) + 1;
        return static_cast<int>(m_pos - lineStart);
    }
    bool endOfLineAhead() const
    {
        qsizetype at = m_pos;
        while (at < m_text.size() && m_text.at(at) == QLatin1Char(' '))
            ++at;
        return at >= m_text.size() || m_text.at(at) == QLatin1Char('\n') || m_text.at(at) == QLatin1Char('#');
    }
    bool dashAhead() const
    {
        return peek() == QLatin1Char('-') && (peek(1) == QLatin1Char(' ') || peek(1) == QLatin1Char('\n') || peek(1).isNull());
    }

    // Moves to the first character of the next line with content and returns its column, or -1
    // at the end. With rest, what remains of the current line must be blank or a comment.
    int nextContentLine(bool rest = true)
    {
        if (rest) {
            if (!endOfLineAhead())
                fail(QStringLiteral("unexpected text after a value: \"%1\"").arg(m_text.mid(m_pos, 20)));
            const qsizetype newline = m_text.indexOf(QLatin1Char('\n'), m_pos);
            m_pos = newline < 0 ? m_text.size() : newline + 1;
        }
        while (!atEnd()) {
            const qsizetype lineStart = m_pos;
            while (peek() == QLatin1Char(' '))
                ++m_pos;
            if (peek() == QLatin1Char('\t'))
                fail(QStringLiteral("tabs are not indentation"));
            if (!atEnd() && peek() != QLatin1Char('\n') && peek() != QLatin1Char('#'))
                return static_cast<int>(m_pos - lineStart);
            const qsizetype newline = m_text.indexOf(QLatin1Char('\n'), m_pos);
            m_pos = newline < 0 ? m_text.size() : newline + 1;
        }
        return -1;
    }

    // A node whose first character is at m_pos.
    QJsonValue blockNode()
    {
        if (dashAhead())
            return sequence(column());
        if (keyAhead())
            return mapping(column());
        const QJsonValue value = inlineValue();
        nextContentLine();
        return value;
    }

    bool keyAhead() const
    {
        const QChar first = peek();
        if (first == QLatin1Char('{') || first == QLatin1Char('['))
            return false;
        qsizetype at = m_pos;
        if (first == QLatin1Char('\'') || first == QLatin1Char('"')) {
            at = m_text.indexOf(first, at + 1);
            if (at < 0)
                return false;
            ++at;
        } else {
            while (at < m_text.size() && m_text.at(at) != QLatin1Char('\n') && m_text.at(at) != QLatin1Char(':'))
                ++at;
        }
        return at < m_text.size() && m_text.at(at) == QLatin1Char(':')
            && (at + 1 >= m_text.size() || m_text.at(at + 1) == QLatin1Char(' ') || m_text.at(at + 1) == QLatin1Char('\n'));
    }

    QJsonObject mapping(int indent)
    {
        QJsonObject object;
        while (true) {
            const QString key = blockKey();
            if (object.contains(key))
                fail(QStringLiteral("key \"%1\" twice").arg(key));
            object.insert(key, valueAfterColon(indent));
            if (atEnd() || column() < indent || dashAhead())
                return object;
            if (column() > indent)
                fail(QStringLiteral("unexpected indentation (a plain text value spread over lines?)"));
        }
    }

    QString blockKey()
    {
        if (peek() == QLatin1Char('\'') || peek() == QLatin1Char('"')) {
            const QString key = quoted();
            if (peek() != QLatin1Char(':'))
                fail(QStringLiteral("expected \":\" after a key"));
            ++m_pos;
            return key;
        }
        const qsizetype colon = m_text.indexOf(QLatin1Char(':'), m_pos);
        const QString key = m_text.mid(m_pos, colon - m_pos).trimmed();
        m_pos = colon + 1;
        return key;
    }

    // Leaves m_pos at the next line with content, whatever the value's form.
    QJsonValue valueAfterColon(int indent)
    {
        while (peek() == QLatin1Char(' '))
            ++m_pos;
        if (endOfLineAhead()) {
            const int next = nextContentLine();
            if (next > indent)
                return blockNode();
            if (next == indent && dashAhead())
                return sequence(indent);
            return QJsonValue::Null;
        }
        if (peek() == QLatin1Char('|'))
            return literalBlock(indent);
        const QJsonValue value = inlineValue();
        nextContentLine();
        return value;
    }

    QJsonArray sequence(int indent)
    {
        QJsonArray array;
        while (true) {
            ++m_pos; // the dash
            while (peek() == QLatin1Char(' '))
                ++m_pos;
            if (endOfLineAhead()) {
                const int next = nextContentLine();
                array.append(next > indent ? blockNode() : QJsonValue::Null);
            } else {
                array.append(blockNode());
            }
            // A sequence may sit at the indentation of its parent's keys: a key there ends it.
            if (atEnd() || column() < indent || (column() == indent && !dashAhead()))
                return array;
            if (column() > indent)
                fail(QStringLiteral("unexpected indentation in a sequence"));
        }
    }

    // "|": the lines indented deeper than the key, as written, with one final newline.
    QString literalBlock(int indent)
    {
        ++m_pos;
        if (!endOfLineAhead())
            fail(QStringLiteral("only a plain \"|\" starts block text here"));
        const qsizetype afterIndicator = m_text.indexOf(QLatin1Char('\n'), m_pos);
        m_pos = afterIndicator < 0 ? m_text.size() : afterIndicator + 1;
        QStringList lines;
        int blockIndent = -1;
        while (!atEnd()) {
            const qsizetype newline = m_text.indexOf(QLatin1Char('\n'), m_pos);
            const QString line = m_text.mid(m_pos, (newline < 0 ? m_text.size() : newline) - m_pos);
            int lineIndent = 0;
            while (lineIndent < line.size() && line.at(lineIndent) == QLatin1Char(' '))
                ++lineIndent;
            if (lineIndent < line.size()) {
                if (lineIndent <= indent)
                    break;
                if (blockIndent < 0)
                    blockIndent = lineIndent;
            }
            lines.append(line.mid(std::max(blockIndent, 0)));
            m_pos = newline < 0 ? m_text.size() : newline + 1;
        }
        while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
            lines.removeLast();
        nextContentLine(false);
        return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }

    QJsonValue inlineValue()
    {
        const QChar first = peek();
        if (first == QLatin1Char('{') || first == QLatin1Char('['))
            return flow();
        if (first == QLatin1Char('\'') || first == QLatin1Char('"'))
            return quoted();
        if (first == QLatin1Char('&') || first == QLatin1Char('*') || first == QLatin1Char('!') || first == QLatin1Char('>'))
            fail(QStringLiteral("anchors, aliases, tags and folded text are not read here"));
        qsizetype end = m_pos;
        while (end < m_text.size() && m_text.at(end) != QLatin1Char('\n')
               && !(m_text.at(end) == QLatin1Char('#') && m_text.at(end - 1) == QLatin1Char(' ')))
            ++end;
        const QString text = m_text.mid(m_pos, end - m_pos).trimmed();
        m_pos = end;
        return plain(text);
    }

    static QJsonValue plain(const QString &text)
    {
        if (text == QLatin1String("true"))
            return true;
        if (text == QLatin1String("false"))
            return false;
        if (text == QLatin1String("null") || text == QLatin1String("~"))
            return QJsonValue::Null;
        return text;
    }

    void skipFlowSpace()
    {
        while (!atEnd()) {
            if (peek() == QLatin1Char(' ') || peek() == QLatin1Char('\n')) {
                ++m_pos;
            } else if (peek() == QLatin1Char('#')) {
                const qsizetype newline = m_text.indexOf(QLatin1Char('\n'), m_pos);
                m_pos = newline < 0 ? m_text.size() : newline;
            } else {
                return;
            }
        }
    }

    QJsonValue flow()
    {
        const bool isMapping = peek() == QLatin1Char('{');
        const QChar close = isMapping ? QLatin1Char('}') : QLatin1Char(']');
        ++m_pos;
        QJsonObject object;
        QJsonArray array;
        skipFlowSpace();
        while (peek() != close) {
            if (atEnd())
                fail(QStringLiteral("unclosed flow collection"));
            if (isMapping) {
                const QString key = flowScalar(true).toString();
                if (peek() != QLatin1Char(':'))
                    fail(QStringLiteral("expected \":\" in a flow mapping"));
                ++m_pos;
                skipFlowSpace();
                object.insert(key, flowItem());
            } else {
                array.append(flowItem());
            }
            skipFlowSpace();
            if (peek() == QLatin1Char(',')) {
                ++m_pos;
                skipFlowSpace();
            } else if (peek() != close) {
                fail(QStringLiteral("expected \",\" or \"%1\"").arg(close));
            }
        }
        ++m_pos;
        return isMapping ? QJsonValue(object) : QJsonValue(array);
    }

    QJsonValue flowItem()
    {
        if (peek() == QLatin1Char('{') || peek() == QLatin1Char('['))
            return flow();
        return flowScalar(false);
    }

    QJsonValue flowScalar(bool isKey)
    {
        if (peek() == QLatin1Char('\'') || peek() == QLatin1Char('"'))
            return quoted();
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const QChar c = peek();
            if (c == QLatin1Char(',') || c == QLatin1Char(']') || c == QLatin1Char('}') || c == QLatin1Char('\n'))
                break;
            if (isKey && c == QLatin1Char(':'))
                break;
            ++m_pos;
        }
        return plain(m_text.mid(start, m_pos - start).trimmed());
    }

    QString quoted()
    {
        const QChar quote = peek();
        ++m_pos;
        QString text;
        while (true) {
            if (atEnd() || peek() == QLatin1Char('\n'))
                fail(QStringLiteral("unclosed quoted text"));
            const QChar c = peek();
            ++m_pos;
            if (c == quote) {
                if (quote == QLatin1Char('\'') && peek() == QLatin1Char('\'')) {
                    ++m_pos;
                    text += c;
                    continue;
                }
                return text;
            }
            if (quote == QLatin1Char('"') && c == QLatin1Char('\\')) {
                const QChar escaped = peek();
                ++m_pos;
                text += escaped == QLatin1Char('n') ? QLatin1Char('\n') : escaped == QLatin1Char('t') ? QLatin1Char('\t') : escaped;
                continue;
            }
            text += c;
        }
    }

    QString m_text;
    qsizetype m_pos = 0;
};

} // namespace

QJsonValue YamlSubset::parse(const QByteArray &text, QString *error)
{
    try {
        Parser parser(text);
        return parser.document();
    } catch (const YamlError &failure) {
        if (error)
            *error = failure.message;
        return {};
    }
}
