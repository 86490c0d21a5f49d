#include "DeliveryTableModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

class tst_DeliveryTableModel : public QObject
{
    Q_OBJECT

    static DeliveryInfo delivery(const QString &id, DeliveryInfo::Status status, std::optional<int> http = std::nullopt)
    {
        DeliveryInfo d;
        d.id = id;
        d.event = QStringLiteral("survey.response.created");
        d.status = status;
        d.httpStatus = http;
        d.attemptCount = 2;
        d.createdAt = QDateTime(QDate(2026, 6, 7), QTime(10, 0), Qt::UTC);
        if (status == DeliveryInfo::Status::Delivered)
            d.deliveredAt = d.createdAt.addSecs(5);
        return d;
    }

private slots:
    void modelIsConsistentThroughChanges()
    {
        DeliveryTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDeliveries({delivery(QStringLiteral("del_1"), DeliveryInfo::Status::Pending),
                             delivery(QStringLiteral("del_2"), DeliveryInfo::Status::Failed, 500)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(DeliveryTableModel::ColumnCount));

        // Same ids: an auto-refresh updates in place, so selections survive.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDeliveries({delivery(QStringLiteral("del_1"), DeliveryInfo::Status::Delivered, 200),
                             delivery(QStringLiteral("del_2"), DeliveryInfo::Status::Failed, 500)});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, DeliveryTableModel::StatusColumn).data().toString(), QStringLiteral("Delivered"));

        model.setDeliveries({delivery(QStringLiteral("del_3"), DeliveryInfo::Status::Pending)});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        model.update(delivery(QStringLiteral("del_3"), DeliveryInfo::Status::Failed, 410));
        QCOMPARE(model.index(0, DeliveryTableModel::HttpStatusColumn).data().toInt(), 410);
        model.update(delivery(QStringLiteral("del_9"), DeliveryInfo::Status::Failed));
        QCOMPARE(model.rowCount(), 1);
        model.setDeliveries({});
        QCOMPARE(model.rowCount(), 0);
    }

    void statusHasTextColorAndIcon_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("text");
        QTest::newRow("delivered") << int(DeliveryInfo::Status::Delivered) << QStringLiteral("Delivered");
        QTest::newRow("failed") << int(DeliveryInfo::Status::Failed) << QStringLiteral("Failed");
        QTest::newRow("pending") << int(DeliveryInfo::Status::Pending) << QStringLiteral("Pending");
    }
    void statusHasTextColorAndIcon()
    {
        QFETCH(int, status);
        QFETCH(QString, text);
        DeliveryTableModel model;
        model.setDeliveries({delivery(QStringLiteral("del_1"), DeliveryInfo::Status(status))});
        const QModelIndex cell = model.index(0, DeliveryTableModel::StatusColumn);
        QCOMPARE(cell.data().toString(), text);
        QCOMPARE(cell.data(Qt::ForegroundRole).value<QColor>(), DeliveryTableModel::statusColor(DeliveryInfo::Status(status)));
        QVERIFY(!cell.data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).isNull());
        QCOMPARE(cell.data(DeliveryTableModel::StatusRole).toInt(), status);
    }

    void statusColorsDiffer()
    {
        const QColor delivered = DeliveryTableModel::statusColor(DeliveryInfo::Status::Delivered);
        QVERIFY(delivered != DeliveryTableModel::statusColor(DeliveryInfo::Status::Failed));
        QVERIFY(delivered != DeliveryTableModel::statusColor(DeliveryInfo::Status::Pending));
    }

    void missingValuesShowADash()
    {
        DeliveryTableModel model;
        model.setDeliveries({delivery(QStringLiteral("del_1"), DeliveryInfo::Status::Pending)});
        QCOMPARE(model.index(0, DeliveryTableModel::HttpStatusColumn).data().toString(), QStringLiteral("–"));
        QCOMPARE(model.index(0, DeliveryTableModel::DeliveredColumn).data().toString(), QStringLiteral("–"));
        QCOMPARE(model.index(0, DeliveryTableModel::AttemptsColumn).data().toInt(), 2);
        QCOMPARE(model.index(0, DeliveryTableModel::IdColumn).data(DeliveryTableModel::IdRole).toString(), QStringLiteral("del_1"));
    }

    void testDeliveriesAreMarked()
    {
        DeliveryTableModel model;
        DeliveryInfo test = delivery(QStringLiteral("del_t"), DeliveryInfo::Status::Pending);
        test.test = true;
        model.setDeliveries({test});
        QCOMPARE(model.index(0, DeliveryTableModel::IdColumn).data().toString(), QStringLiteral("del_t (test)"));
    }
};

QTEST_MAIN(tst_DeliveryTableModel)
#include "tst_deliverytablemodel.moc"
