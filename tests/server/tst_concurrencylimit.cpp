#include "ConcurrencyLimit.h"

#include <QTest>

namespace {
using Bounds = ConcurrencyLimit::Bounds;

Bounds bounds(int floor, int initial, int ceiling)
{
    Bounds b;
    b.floor = floor;
    b.initial = initial;
    b.ceiling = ceiling;
    return b;
}

// Quick includes the boundary itself: an answer in exactly kQuickAnswerMs still counts.
qint64 quickDuration(int n)
{
    const qint64 durations[] = {0, 1, ConcurrencyLimit::kQuickAnswerMs / 2, ConcurrencyLimit::kQuickAnswerMs};
    return durations[n % 4];
}

void quickSaturated(ConcurrencyLimit &limit, int count)
{
    for (int n = 0; n < count; ++n)
        limit.succeeded(quickDuration(n), true);
}
} // namespace

class tst_ConcurrencyLimit : public QObject
{
    Q_OBJECT
private slots:
    void slowStartDoublesToCeiling_data();
    void slowStartDoublesToCeiling();
    void afterCongestionGrowsOneSlotPerRound_data();
    void afterCongestionGrowsOneSlotPerRound();
    void answersThatDoNotGrow_data();
    void answersThatDoNotGrow();
    void ignoredAnswersKeepCredit();
    void congestionHalves_data();
    void congestionHalves();
    void congestionFromCeilingReachesFloor_data();
    void congestionFromCeilingReachesFloor();
    void congestionResetsCredit_data();
    void congestionResetsCredit();
    void initialIsClamped_data();
    void initialIsClamped();
};

void tst_ConcurrencyLimit::slowStartDoublesToCeiling_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("ceiling");
    QTest::addColumn<QList<int>>("levels"); // the limit after each round, by hand
    QTest::newRow("defaults") << 16 << 64 << QList<int>{32, 64};
    QTest::newRow("capped at a ceiling that is no power of two") << 16 << 100 << QList<int>{32, 64, 100};
    QTest::newRow("from one") << 1 << 8 << QList<int>{2, 4, 8};
    QTest::newRow("already at ceiling") << 5 << 5 << QList<int>{};
}

void tst_ConcurrencyLimit::slowStartDoublesToCeiling()
{
    // A healthy receiver reaches its parallelism within a few rounds, not thousands of answers.
    QFETCH(int, initial);
    QFETCH(int, ceiling);
    QFETCH(QList<int>, levels);
    ConcurrencyLimit limit(bounds(1, initial, ceiling));
    for (const int next : levels) {
        const int level = limit.value();
        quickSaturated(limit, level - 1); // a round is as many answers as the limit, not one fewer
        QCOMPARE(limit.value(), level);
        quickSaturated(limit, 1);
        QCOMPARE(limit.value(), next);
    }
    quickSaturated(limit, 10 * ceiling * ceiling);
    QCOMPARE(limit.value(), ceiling);
}

void tst_ConcurrencyLimit::afterCongestionGrowsOneSlotPerRound_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("ceiling");
    QTest::addColumn<int>("answersNeeded"); // from initial / 2 to the ceiling: L + (L+1) + ... + (ceiling-1)
    QTest::newRow("defaults") << 16 << 64 << 1988; // 8 + ... + 63
    QTest::newRow("short way") << 10 << 8 << 22;   // 4 + ... + 7 (initial 10 clamped to 8, halved to 4)
    QTest::newRow("from the floor") << 8 << 5 << 9; // 2 + 3 + 4 (8 clamped to 5, halved to 2)
}

void tst_ConcurrencyLimit::afterCongestionGrowsOneSlotPerRound()
{
    // Once a receiver showed overload, growing back is careful: one slot per round of answers.
    QFETCH(int, initial);
    QFETCH(int, ceiling);
    QFETCH(int, answersNeeded);
    ConcurrencyLimit limit(bounds(2, initial, ceiling));
    limit.congested();
    int answers = 0;
    for (int level = limit.value(); level < ceiling; ++level) {
        quickSaturated(limit, level - 1);
        answers += level - 1;
        QCOMPARE(limit.value(), level);
        limit.succeeded(quickDuration(answers), true);
        ++answers;
        QCOMPARE(limit.value(), level + 1);
    }
    QCOMPARE(answers, answersNeeded);
    QCOMPARE(limit.value(), ceiling);
}

void tst_ConcurrencyLimit::answersThatDoNotGrow_data()
{
    // Growing on these would let a receiver that is never kept busy, or one that is slow,
    // claim ever more of the dispatcher's slots.
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<bool>("saturated");
    QTest::newRow("unsaturated, instant") << qint64(0) << false;
    QTest::newRow("unsaturated, quick") << ConcurrencyLimit::kQuickAnswerMs << false;
    QTest::newRow("saturated, just slow") << ConcurrencyLimit::kQuickAnswerMs + 1 << true;
    QTest::newRow("saturated, very slow") << qint64(60000) << true;
    QTest::newRow("unsaturated, slow") << qint64(5000) << false;
}

void tst_ConcurrencyLimit::answersThatDoNotGrow()
{
    QFETCH(qint64, durationMs);
    QFETCH(bool, saturated);
    ConcurrencyLimit limit(bounds(2, 4, 64));
    for (int n = 0; n < 10000; ++n)
        limit.succeeded(durationMs, saturated);
    QCOMPARE(limit.value(), 4);
    // And they leave no credit behind: the next growth still takes a full round.
    quickSaturated(limit, 3);
    QCOMPARE(limit.value(), 4);
    quickSaturated(limit, 1);
    QCOMPARE(limit.value(), 8);
}

void tst_ConcurrencyLimit::ignoredAnswersKeepCredit()
{
    // "Change nothing" includes the credit already earned: slow or unsaturated answers in the
    // middle of a round neither reset it nor count towards it.
    ConcurrencyLimit limit(bounds(2, 4, 64));
    quickSaturated(limit, 3);
    limit.succeeded(ConcurrencyLimit::kQuickAnswerMs + 1, true);
    limit.succeeded(0, false);
    limit.succeeded(30000, false);
    QCOMPARE(limit.value(), 4);
    quickSaturated(limit, 1);
    QCOMPARE(limit.value(), 8);
}

void tst_ConcurrencyLimit::congestionHalves_data()
{
    QTest::addColumn<int>("floor");
    QTest::addColumn<int>("initial");
    QTest::addColumn<QList<int>>("afterEach"); // value() after each congested()
    QTest::newRow("from ceiling") << 2 << 64 << QList<int>{32, 16, 8, 4, 2, 2, 2};
    QTest::newRow("odd values round down") << 1 << 63 << QList<int>{31, 15, 7, 3, 1, 1};
    QTest::newRow("half below floor") << 3 << 7 << QList<int>{3, 3};
    QTest::newRow("floor not a power of two") << 5 << 40 << QList<int>{20, 10, 5, 5};
    QTest::newRow("half of 9 is under floor 5") << 5 << 9 << QList<int>{5, 5};
    QTest::newRow("at floor") << 2 << 2 << QList<int>{2, 2};
}

void tst_ConcurrencyLimit::congestionHalves()
{
    QFETCH(int, floor);
    QFETCH(int, initial);
    QFETCH(QList<int>, afterEach);
    ConcurrencyLimit limit(bounds(floor, initial, 64));
    QCOMPARE(limit.value(), initial);
    for (qsizetype i = 0; i < afterEach.size(); ++i) {
        limit.congested();
        QCOMPARE(limit.value(), afterEach.at(i));
    }
}

void tst_ConcurrencyLimit::congestionFromCeilingReachesFloor_data()
{
    QTest::addColumn<int>("floor");
    QTest::addColumn<int>("ceiling");
    QTest::addColumn<int>("steps"); // ceil(log2(ceiling / floor)), by hand
    QTest::newRow("defaults") << 2 << 64 << 5;
    QTest::newRow("floor one") << 1 << 64 << 6;
    QTest::newRow("large ceiling") << 1 << 1024 << 10;
    QTest::newRow("not powers of two") << 2 << 100 << 6; // 50 25 12 6 3 2
    QTest::newRow("floor is ceiling") << 4 << 4 << 0;
}

void tst_ConcurrencyLimit::congestionFromCeilingReachesFloor()
{
    QFETCH(int, floor);
    QFETCH(int, ceiling);
    QFETCH(int, steps);
    // Grown to the ceiling the way the dispatcher would, not just constructed there.
    ConcurrencyLimit limit(bounds(floor, floor, ceiling));
    quickSaturated(limit, ceiling * ceiling);
    QCOMPARE(limit.value(), ceiling);
    int taken = 0;
    while (limit.value() > floor && taken <= 64) {
        limit.congested();
        ++taken;
    }
    QCOMPARE(taken, steps);
    QCOMPARE(limit.value(), floor);
}

void tst_ConcurrencyLimit::congestionResetsCredit_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("creditBefore"); // quick saturated answers just before congested()
    QTest::addColumn<int>("afterCongestion");
    QTest::newRow("nearly a full round") << 8 << 7 << 4;
    QTest::newRow("as much credit as the new limit") << 8 << 4 << 4;
    QTest::newRow("some credit") << 8 << 3 << 4;
    QTest::newRow("no credit") << 8 << 0 << 4;
    QTest::newRow("at floor, limit unchanged") << 2 << 1 << 2;
}

void tst_ConcurrencyLimit::congestionResetsCredit()
{
    // Answers that came before an overload say nothing about the halved limit: a new round
    // starts from zero, or the limit would climb straight back into the overload.
    QFETCH(int, initial);
    QFETCH(int, creditBefore);
    QFETCH(int, afterCongestion);
    ConcurrencyLimit limit(bounds(2, initial, 64));
    quickSaturated(limit, creditBefore);
    QCOMPARE(limit.value(), initial);
    limit.congested();
    QCOMPARE(limit.value(), afterCongestion);
    quickSaturated(limit, afterCongestion - 1);
    QCOMPARE(limit.value(), afterCongestion);
    quickSaturated(limit, 1);
    QCOMPARE(limit.value(), afterCongestion + 1);
}

void tst_ConcurrencyLimit::initialIsClamped_data()
{
    QTest::addColumn<int>("floor");
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("ceiling");
    QTest::addColumn<int>("expected");
    QTest::newRow("inside") << 2 << 16 << 64 << 16;
    QTest::newRow("below floor") << 4 << 1 << 64 << 4;
    QTest::newRow("zero") << 2 << 0 << 64 << 2;
    QTest::newRow("negative") << 2 << -5 << 64 << 2;
    QTest::newRow("above ceiling") << 2 << 100 << 64 << 64;
    QTest::newRow("on floor") << 3 << 3 << 64 << 3;
    QTest::newRow("on ceiling") << 2 << 64 << 64 << 64;
}

void tst_ConcurrencyLimit::initialIsClamped()
{
    QFETCH(int, floor);
    QFETCH(int, initial);
    QFETCH(int, ceiling);
    QFETCH(int, expected);
    ConcurrencyLimit limit(bounds(floor, initial, ceiling));
    QCOMPARE(limit.value(), expected);
    // The clamped value is the one that counts from then on, in both directions.
    quickSaturated(limit, 100000);
    QCOMPARE(limit.value(), ceiling);
    for (int n = 0; n < 20; ++n)
        limit.congested();
    QCOMPARE(limit.value(), floor);
}

QTEST_GUILESS_MAIN(tst_ConcurrencyLimit)
#include "tst_concurrencylimit.moc"
