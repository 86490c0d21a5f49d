#include "Rfc3339.h"

#include <QTest>

class tst_Rfc3339 : public QObject
{
    Q_OBJECT
private slots:
    void format_data();
    void format();
    void parse_data();
    void parse();
    void parseLast_data();
    void parseLast();
};

void tst_Rfc3339::format_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("example") << qint64(1780826400000) << QStringLiteral("2026-06-07T10:00:00Z");
    QTest::newRow("millis dropped") << qint64(1780826400999) << QStringLiteral("2026-06-07T10:00:00Z");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00Z");
    QTest::newRow("leap day") << qint64(1709251199000) << QStringLiteral("2024-02-29T23:59:59Z");
    QTest::newRow("before epoch") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59Z");
    QTest::newRow("last four-digit year") << qint64(253402300799000) << QStringLiteral("9999-12-31T23:59:59Z");
}

void tst_Rfc3339::format()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(Rfc3339::format(ms), text);
    // Round trip through the parser, which Qt's own ISO code backs.
    QCOMPARE(*Rfc3339::parse(text), ms - ((ms % 1000) + 1000) % 1000);
}

void tst_Rfc3339::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expectedMs"); // -1: invalid
    QTest::newRow("utc") << QStringLiteral("2026-06-07T10:00:00Z") << qint64(1780826400000);
    QTest::newRow("lower z") << QStringLiteral("2026-06-07t10:00:00z") << qint64(1780826400000);
    QTest::newRow("offset") << QStringLiteral("2026-06-07T12:00:00+02:00") << qint64(1780826400000);
    QTest::newRow("fraction") << QStringLiteral("2026-06-07T10:00:00.250Z") << qint64(1780826400250);
    QTest::newRow("one fraction digit") << QStringLiteral("2026-06-07T10:00:00.5Z") << qint64(1780826400500);
    // Rounding .9996 would move the time into the next second, past a "to" of this one.
    QTest::newRow("digits past ms are cut") << QStringLiteral("2026-06-07T10:00:00.9996Z") << qint64(1780826400999);
    QTest::newRow("fraction with offset") << QStringLiteral("2026-06-07T12:00:00.042+02:00") << qint64(1780826400042);
    QTest::newRow("date only") << QStringLiteral("2026-06-07") << qint64(-1);
    QTest::newRow("no zone") << QStringLiteral("2026-06-07T10:00:00") << qint64(-1);
    QTest::newRow("month 13") << QStringLiteral("2026-13-07T10:00:00Z") << qint64(-1);
    QTest::newRow("words") << QStringLiteral("yesterday") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
}

void tst_Rfc3339::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, expectedMs);
    const auto parsed = Rfc3339::parse(text);
    QCOMPARE(parsed.has_value(), expectedMs >= 0);
    if (parsed)
        QCOMPARE(*parsed, expectedMs);
}

void tst_Rfc3339::parseLast_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expectedMs"); // -1: invalid
    // The API shows whole seconds: echoing one back must cover all of it.
    QTest::newRow("whole second") << QStringLiteral("2026-06-07T10:00:00Z") << qint64(1780826400999);
    QTest::newRow("offset") << QStringLiteral("2026-06-07T12:00:00+02:00") << qint64(1780826400999);
    QTest::newRow("tenths") << QStringLiteral("2026-06-07T10:00:00.5Z") << qint64(1780826400599);
    QTest::newRow("hundredths") << QStringLiteral("2026-06-07T10:00:00.25Z") << qint64(1780826400259);
    QTest::newRow("millis") << QStringLiteral("2026-06-07T10:00:00.250Z") << qint64(1780826400250);
    QTest::newRow("micros") << QStringLiteral("2026-06-07T10:00:00.250999Z") << qint64(1780826400250);
    QTest::newRow("last second of a day") << QStringLiteral("2026-06-07T23:59:59Z") << qint64(1780876799999);
    QTest::newRow("date only") << QStringLiteral("2026-06-07") << qint64(-1);
}

void tst_Rfc3339::parseLast()
{
    QFETCH(QString, text);
    QFETCH(qint64, expectedMs);
    const auto last = Rfc3339::parseLast(text);
    QCOMPARE(last.has_value(), expectedMs >= 0);
    if (last)
        QCOMPARE(*last, expectedMs);
}

QTEST_GUILESS_MAIN(tst_Rfc3339)
#include "tst_rfc3339.moc"
