#include "TransferThread.h"
#include "TestReceiver.h"

#include <QTest>

#include <algorithm>

// The lanes of TransferThread: requests of one endpoint beyond its limit wait on the thread and
// start there as slots free up; a new limit reaches them; withdrawing takes back only those not
// yet started. Against a real receiver on loopback.
class tst_TransferThread : public QObject
{
    Q_OBJECT
private slots:
    void laneRunsAtMostItsLimit();
    void laneLimitChangeReachesWaitingRequests();
    void withdrawTakesBackOnlyWaitingRequests();
};

namespace {

const QString kLane = QStringLiteral("ep_lane");

// A receiver that reads requests and never answers, and a transfer thread that posts to it.
struct HangingLane
{
    HangingLane() { receiver.setDefault(TestReceiver::behave(TestReceiver::Behaviour::Hang)); }

    void start(const QUrl &url, const QString &lane, int limit, qint64 timeoutMs = 5000)
    {
        OutboundRequest request;
        request.url = url;
        request.body = QByteArrayLiteral("{}");
        request.timeoutMs = timeoutMs;
        request.lane = lane;
        request.laneLimit = limit;
        QElapsedTimer clock;
        clock.start();
        thread.start(nextId++, request, CurlTransfer::targetOf(url), clock);
    }
    // Sends count requests in the lane; true when exactly limit of them reached the receiver and
    // the rest stayed waiting.
    bool startsOnlyLimit(int count, int limit, qint64 timeoutMs)
    {
        for (int i = 0; i < count; ++i)
            start(receiver.url(), kLane, limit, timeoutMs);
        if (!receiver.waitForRequests(limit))
            return false;
        QTest::qWait(200);
        return receiver.count() == limit;
    }
    bool waitForResults(qsizetype count, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] {
            std::vector<TransferThread::Finished> batch;
            thread.takeFinished(batch);
            for (TransferThread::Finished &done : batch)
                results.append(done.result);
            return results.size() >= count;
        }, timeoutMs);
    }

    TestReceiver receiver;
    TransferThread thread{AddressGuard(true), [] {}};
    TransferThread::Id nextId = 1;
    QList<OutboundResult> results; // in the order they finished
};

} // namespace

void tst_TransferThread::laneRunsAtMostItsLimit()
{
    HangingLane lane;

    QVERIFY(lane.startsOnlyLimit(5, 2, 600)); // the other three wait unsent
    QVERIFY(lane.waitForResults(5));
    QCOMPARE(lane.receiver.count(), 5);
    // Each attempt's deadline and duration count from when it started, not from when it was
    // handed over: the last one waited for two rounds of timeouts, then timed out itself.
    const OutboundResult &last = lane.results.last();
    QVERIFY2(last.error.startsWith(QLatin1String("timed out after 600 ms")), qPrintable(last.error));
    QVERIFY2(last.durationMs >= 550 && last.durationMs < 1100, qPrintable(QString::number(last.durationMs)));
    QVERIFY2(last.waitedMs >= 1100, qPrintable(QString::number(last.waitedMs)));
    QCOMPARE(lane.results.first().waitedMs < 300, true);
}

void tst_TransferThread::laneLimitChangeReachesWaitingRequests()
{
    HangingLane lane;

    QVERIFY(lane.startsOnlyLimit(4, 1, 3000));

    lane.thread.setLaneLimit(kLane, 3);
    QVERIFY(lane.receiver.waitForRequests(3, 1000));
    QTest::qWait(100);
    QCOMPARE(lane.receiver.count(), 3);
    QVERIFY(!lane.waitForResults(1, 100));
}

void tst_TransferThread::withdrawTakesBackOnlyWaitingRequests()
{
    TestReceiver healthy;
    HangingLane lane;

    QVERIFY(lane.startsOnlyLimit(3, 1, 1500));
    lane.thread.withdraw(kLane, lane.nextId);
    lane.start(healthy.url(), QStringLiteral("ep_other"), 1); // another lane is not touched
    lane.start(healthy.url(), kLane, 1);                      // submitted after the withdrawal

    QVERIFY(lane.waitForResults(5));
    QVERIFY(!lane.waitForResults(6, 100));
    QCOMPARE(lane.receiver.count(), 1);
    const auto withdrawn = std::count_if(lane.results.cbegin(), lane.results.cend(), [](const auto &result) { return result.withdrawn; });
    QCOMPARE(withdrawn, 2);
    const auto answered =
        std::count_if(lane.results.cbegin(), lane.results.cend(), [](const auto &result) { return result.httpStatus == 204; });
    QCOMPARE(answered, 2); // the other lane's, and the one submitted after the withdrawal
    QCOMPARE(healthy.count(), 2);
}

QTEST_GUILESS_MAIN(tst_TransferThread)
#include "tst_transferthread.moc"
