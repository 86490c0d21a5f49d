#include "DeferredAnswer.h"

#include <QTest>

// DeferredAnswer connects whoever completes an answer after the handler returned (the group
// commit) with whoever waits for it (metrics, the HTTP front writing it). A listener that runs
// twice writes an answer twice on a connection; one that never runs leaves a client hanging.
class tst_DeferredAnswer : public QObject
{
    Q_OBJECT
private slots:
    void listenersRunInRegistrationOrderOnCompletion_data();
    void listenersRunInRegistrationOrderOnCompletion();
    void listenerAfterCompletionRunsAtOnce();
    void secondCompletionChangesNothing_data();
    void secondCompletionChangesNothing();
    void listenerRegisteredDuringCompletionRunsToo();
};

namespace {

ApiResponse accepted()
{
    return ApiResponse::rawJson(202, QByteArrayLiteral(R"({"id":"evt_first","deliveries":1})"));
}

ApiResponse failed()
{
    return ApiResponse::rawJson(500, QByteArrayLiteral(R"({"error":{"code":"internal_error"}})"));
}

} // namespace

void tst_DeferredAnswer::listenersRunInRegistrationOrderOnCompletion_data()
{
    QTest::addColumn<int>("listeners");
    QTest::newRow("none") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("three") << 3;
}

void tst_DeferredAnswer::listenersRunInRegistrationOrderOnCompletion()
{
    QFETCH(int, listeners);
    DeferredAnswer answer;
    QList<int> order;
    QList<QByteArray> bodies;
    for (int i = 0; i < listeners; ++i) {
        answer.then([&order, &bodies, i](const ApiResponse &response) {
            order.append(i);
            bodies.append(QByteArray::number(response.status) + ' ' + response.body);
        });
    }
    QVERIFY(!answer.isComplete());
    QVERIFY(order.isEmpty()); // nobody hears of an answer before it exists

    answer.complete(accepted());
    QVERIFY(answer.isComplete());
    QList<int> expected;
    for (int i = 0; i < listeners; ++i)
        expected.append(i);
    QCOMPARE(order, expected);
    QCOMPARE(bodies, QList<QByteArray>(listeners, QByteArray(R"(202 {"id":"evt_first","deliveries":1})")));
}

void tst_DeferredAnswer::listenerAfterCompletionRunsAtOnce()
{
    DeferredAnswer answer;
    answer.complete(accepted());
    int runs = 0;
    int status = 0;
    answer.then([&](const ApiResponse &response) {
        ++runs;
        status = response.status;
    });
    QCOMPARE(runs, 1); // before then() returned: no event loop needed
    QCOMPARE(status, 202);
}

void tst_DeferredAnswer::secondCompletionChangesNothing_data()
{
    QTest::addColumn<bool>("fromListener");
    QTest::newRow("after the first returned") << false;
    QTest::newRow("from a listener of the first") << true;
}

void tst_DeferredAnswer::secondCompletionChangesNothing()
{
    QFETCH(bool, fromListener);
    DeferredAnswer answer;
    QList<int> heard;
    answer.then([&](const ApiResponse &response) {
        heard.append(response.status);
        if (fromListener)
            answer.complete(failed());
    });
    answer.then([&](const ApiResponse &response) { heard.append(response.status); });

    answer.complete(accepted());
    if (!fromListener)
        answer.complete(failed());
    QCOMPARE(heard, (QList<int>{202, 202})); // each listener once, with the first answer

    QByteArray late;
    answer.then([&](const ApiResponse &response) { late = response.body; });
    QCOMPARE(late, accepted().body);
    QCOMPARE(heard.size(), 2);
}

void tst_DeferredAnswer::listenerRegisteredDuringCompletionRunsToo()
{
    DeferredAnswer answer;
    QByteArrayList log;
    answer.then([&](const ApiResponse &) {
        log.append("first");
        // As EventsApi does for a repeat of a queued key while the original is being answered.
        answer.then([&](const ApiResponse &response) { log.append("nested " + QByteArray::number(response.status)); });
    });
    answer.then([&](const ApiResponse &) { log.append("second"); });

    answer.complete(accepted());
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.first(), QByteArray("first"));
    QCOMPARE(log.count("nested 202"), 1);
    QCOMPARE(log.count("second"), 1);

    answer.complete(failed());
    QCOMPARE(log.size(), 3); // nothing runs again
}

QTEST_GUILESS_MAIN(tst_DeferredAnswer)
#include "tst_deferredanswer.moc"
