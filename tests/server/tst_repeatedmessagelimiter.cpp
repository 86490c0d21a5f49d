#include "RepeatedMessageLimiter.h"

#include <QTest>

// One message repeated without end (a client can make Qt warn once per request it sends) reaches
// the log at most maxPerWindow times a window, and the count of what was left out is told when
// the message next appears; other messages are never held back by it.
class tst_RepeatedMessageLimiter : public QObject
{
    Q_OBJECT
private slots:
    void repeatsAreCappedPerWindow();
    void otherMessagesPassMeanwhile();
    void fatalAlwaysPasses();
};

namespace {
struct Recorder
{
    qint64 now = 1000;
    QStringList lines;
    RepeatedMessageLimiter limiter{[this](QtMsgType, const QMessageLogContext &, const QString &text) { lines.append(text); },
                                   3, 60000, [this] { return now; }};
    void warn(const QString &text)
    {
        const QMessageLogContext context;
        limiter.handle(QtWarningMsg, context, text);
    }
};
} // namespace

void tst_RepeatedMessageLimiter::repeatsAreCappedPerWindow()
{
    Recorder log;
    for (int i = 0; i < 1000; ++i)
        log.warn(QStringLiteral("QIODevice::read (QTcpSocket): device not open"));
    QCOMPARE(log.lines.size(), 3);
    log.now += 59999;
    log.warn(QStringLiteral("QIODevice::read (QTcpSocket): device not open"));
    QCOMPARE(log.lines.size(), 3); // still the same window
    log.now += 1;
    log.warn(QStringLiteral("QIODevice::read (QTcpSocket): device not open"));
    QCOMPARE(log.lines.size(), 5);
    QCOMPARE(log.lines.at(3), QStringLiteral("(the next message was repeated 998 more times and not logged)"));
    QCOMPARE(log.lines.at(4), QStringLiteral("QIODevice::read (QTcpSocket): device not open"));
}

void tst_RepeatedMessageLimiter::otherMessagesPassMeanwhile()
{
    Recorder log;
    for (int i = 0; i < 100; ++i)
        log.warn(QStringLiteral("noise"));
    log.warn(QStringLiteral("database is full"));
    QCOMPARE(log.lines.size(), 4);
    QCOMPARE(log.lines.last(), QStringLiteral("database is full"));
    // Many distinct messages (a bounded memory) still all reach the log.
    for (int i = 0; i < 2000; ++i)
        log.warn(QStringLiteral("distinct %1").arg(i));
    QCOMPARE(log.lines.size(), 2004);
}

void tst_RepeatedMessageLimiter::fatalAlwaysPasses()
{
    Recorder log;
    const QMessageLogContext context;
    for (int i = 0; i < 5; ++i)
        log.limiter.handle(QtFatalMsg, context, QStringLiteral("cannot continue"));
    QCOMPARE(log.lines.size(), 5);
}

QTEST_GUILESS_MAIN(tst_RepeatedMessageLimiter)
#include "tst_repeatedmessagelimiter.moc"
