#include "ServerText.h"

#include <QTest>
#include <QTextDocument>

// What the admin sees of a server's string: the characters it sent, short enough to lay out,
// with nothing in it acting as markup or as a layout instruction.
class tst_ServerText : public QObject
{
    Q_OBJECT

    static QString rendered(const QString &richText)
    {
        QTextDocument document;
        document.setHtml(richText);
        return document.toPlainText();
    }

private slots:
    void plain_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ordinary URL") << QStringLiteral("https://hooks.example.com/ena") << QStringLiteral("https://hooks.example.com/ena");
        QTest::newRow("markup stays text") << QStringLiteral("<a href='x'>click</a>") << QStringLiteral("<a href='x'>click</a>");
        QTest::newRow("right-to-left override") << QStringLiteral("https://evil.example/\u202Egpj.exe")
                                                << QStringLiteral("https://evil.example/\\u{202E}gpj.exe");
        QTest::newRow("isolates and marks") << QStringLiteral("a\u2066b\u2069c\u200Fd") << QStringLiteral("a\\u{2066}b\\u{2069}c\\u{200F}d");
        QTest::newRow("newline and bell") << QStringLiteral("line1\nline2\a") << QStringLiteral("line1\\u{000A}line2\\u{0007}");
        QTest::newRow("umlauts and emoji kept") << QStringLiteral("Grüße 🎉") << QStringLiteral("Grüße 🎉");
    }
    void plain()
    {
        QFETCH(QString, server);
        QFETCH(QString, shown);
        QCOMPARE(ServerText::plain(server), shown);
    }

    void longTextIsCutAndSaysHowMuchIsMissing()
    {
        const QString shown = ServerText::plain(QString(1'000'000, QLatin1Char('x')), 300);
        QVERIFY(shown.startsWith(QString(300, QLatin1Char('x')) + QStringLiteral("…")));
        QVERIFY2(shown.contains(QStringLiteral("999700")), qPrintable(shown));
        QVERIFY(shown.size() < 350);
    }

    void cutNeverSplitsACharacter()
    {
        const QString shown = ServerText::plain(QStringLiteral("ab🎉🎉"), 3); // the cut would fall inside 🎉
        QVERIFY(shown.startsWith(QStringLiteral("ab…")));
    }

    void tooltipShowsMarkupLiterally_data()
    {
        QTest::addColumn<QString>("server");
        QTest::newRow("link") << QStringLiteral("<a href='http://127.0.0.1:1/phish'>click here</a>");
        QTest::newRow("looks like plain text") << QStringLiteral("plain & simple");
        QTest::newRow("entity") << QStringLiteral("&lt;b&gt;");
    }
    void tooltipShowsMarkupLiterally()
    {
        QFETCH(QString, server);
        const QString tip = ServerText::tooltip(server);
        QVERIFY(Qt::mightBeRichText(tip)); // so Qt renders our escaping, not the server's markup
        QCOMPARE(rendered(tip), server);
    }
};

QTEST_MAIN(tst_ServerText)
#include "tst_servertext.moc"
