#include "EndpointTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class tst_EndpointTableModel : public QObject
{
    Q_OBJECT

    static EndpointInfo endpoint(const QString &id, const QString &url, QStringList events, bool enabled)
    {
        return {id, url, std::move(events), enabled, QDateTime(QDate(2026, 6, 7), QTime(10, 0), Qt::UTC), {}};
    }

private slots:
    void modelIsConsistentThroughChanges()
    {
        EndpointTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEndpoints({endpoint(QStringLiteral("whe_a"), QStringLiteral("https://a.example/hook"),
                                     {QStringLiteral("survey.response.created")}, true),
                            endpoint(QStringLiteral("whe_b"), QStringLiteral("https://b.example/hook"),
                                     {QStringLiteral("*")}, false)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(EndpointTableModel::ColumnCount));

        model.upsert(endpoint(QStringLiteral("whe_c"), QStringLiteral("https://c.example/"), {QStringLiteral("*")}, true));
        QCOMPARE(model.rowCount(), 3);
        model.upsert(endpoint(QStringLiteral("whe_a"), QStringLiteral("https://a2.example/"), {QStringLiteral("*")}, true));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, EndpointTableModel::UrlColumn).data().toString(), QStringLiteral("https://a2.example/"));
        model.remove(QStringLiteral("whe_b"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("whe_b")), -1);
        QCOMPARE(model.rowOf(QStringLiteral("whe_c")), 1);
        model.remove(QStringLiteral("whe_unknown"));
        QCOMPARE(model.rowCount(), 2);
    }

    void columnsShowTheEndpoint_data()
    {
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<QString>("eventsText");
        QTest::newRow("all") << QStringList{QStringLiteral("*")} << QStringLiteral("All events");
        QTest::newRow("one") << QStringList{QStringLiteral("feedback.ticket.created")}
                             << QStringLiteral("feedback.ticket.created");
        QTest::newRow("two") << QStringList{QStringLiteral("a.b"), QStringLiteral("c.d")} << QStringLiteral("a.b, c.d");
    }
    void columnsShowTheEndpoint()
    {
        QFETCH(QStringList, events);
        QFETCH(QString, eventsText);
        EndpointTableModel model;
        model.setEndpoints({endpoint(QStringLiteral("whe_a"), QStringLiteral("https://a.example/"), events, false)});
        QCOMPARE(model.index(0, EndpointTableModel::EventsColumn).data().toString(), eventsText);
        QCOMPARE(model.index(0, EndpointTableModel::EnabledColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(model.index(0, EndpointTableModel::UrlColumn).data(EndpointTableModel::IdRole).toString(),
                 QStringLiteral("whe_a"));
        QCOMPARE(model.index(0, EndpointTableModel::CreatedColumn).data(EndpointTableModel::SortRole).toDateTime(),
                 QDateTime(QDate(2026, 6, 7), QTime(10, 0), Qt::UTC));
        QCOMPARE(model.headerData(EndpointTableModel::UrlColumn, Qt::Horizontal).toString(), QStringLiteral("URL"));
    }

    void onlyEnabledIsCheckable()
    {
        EndpointTableModel model;
        model.setEndpoints({endpoint(QStringLiteral("whe_a"), QStringLiteral("https://a.example/"), {QStringLiteral("*")}, true)});
        QVERIFY(model.flags(model.index(0, EndpointTableModel::EnabledColumn)) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(model.index(0, EndpointTableModel::UrlColumn)) & Qt::ItemIsUserCheckable));
        QVERIFY(!(model.flags(model.index(0, EndpointTableModel::UrlColumn)) & Qt::ItemIsEditable));
    }

    void togglingAsksInsteadOfChanging()
    {
        EndpointTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEndpoints({endpoint(QStringLiteral("whe_a"), QStringLiteral("https://a.example/"), {QStringLiteral("*")}, true)});
        QSignalSpy asked(&model, &EndpointTableModel::enabledChangeRequested);
        const QModelIndex enabled = model.index(0, EndpointTableModel::EnabledColumn);
        QVERIFY(!model.setData(enabled, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.at(0).at(0).toString(), QStringLiteral("whe_a"));
        QCOMPARE(asked.at(0).at(1).toBool(), false);
        QCOMPARE(enabled.data(Qt::CheckStateRole).toInt(), int(Qt::Checked)); // until the server confirms
        QVERIFY(!model.setData(enabled, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(asked.count(), 1); // already enabled: nothing to ask
        QVERIFY(!model.setData(model.index(0, EndpointTableModel::UrlColumn), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(asked.count(), 1);
    }
};

QTEST_MAIN(tst_EndpointTableModel)
#include "tst_endpointtablemodel.moc"
