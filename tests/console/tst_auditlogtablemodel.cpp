#include "AuditLogTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <QTextDocumentFragment>

class tst_AuditLogTableModel : public QObject
{
    Q_OBJECT

    static AuditLogEntry entry(const QString &id, const QString &action, const QString &endpointId, const QString &deliveryId)
    {
        AuditLogEntry e;
        e.id = id;
        e.at = QDateTime(QDate(2026, 6, 7), QTime(10, 0), Qt::UTC);
        e.action = action;
        e.endpointId = endpointId;
        e.deliveryId = deliveryId;
        e.remoteAddress = QStringLiteral("127.0.0.1");
        return e;
    }

private slots:
    void modelIsConsistentThroughPages()
    {
        AuditLogTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({entry(QStringLiteral("aud_2"), QStringLiteral("endpoint.secret_rotated"), QStringLiteral("whe_a"), {}),
                          entry(QStringLiteral("aud_1"), QStringLiteral("endpoint.created"), QStringLiteral("whe_a"), {})});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(AuditLogTableModel::ColumnCount));
        model.setEntries({entry(QStringLiteral("aud_3"), QStringLiteral("endpoint.test_sent"), QStringLiteral("whe_a"),
                                QStringLiteral("del_x"))});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, AuditLogTableModel::DeliveryColumn).data().toString(), QStringLiteral("del_x"));
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
    }

    void actionsAreReadable_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("text");
        QTest::newRow("created") << QStringLiteral("endpoint.created") << QStringLiteral("Endpoint created");
        QTest::newRow("updated") << QStringLiteral("endpoint.updated") << QStringLiteral("Endpoint updated");
        QTest::newRow("deleted") << QStringLiteral("endpoint.deleted") << QStringLiteral("Endpoint deleted");
        QTest::newRow("rotated") << QStringLiteral("endpoint.secret_rotated") << QStringLiteral("Secret rotated");
        QTest::newRow("test") << QStringLiteral("endpoint.test_sent") << QStringLiteral("Test event sent");
        QTest::newRow("retried") << QStringLiteral("delivery.retried") << QStringLiteral("Delivery retried");
        QTest::newRow("unknown") << QStringLiteral("endpoint.archived") << QStringLiteral("endpoint.archived");
    }
    void actionsAreReadable()
    {
        QFETCH(QString, action);
        QFETCH(QString, text);
        AuditLogTableModel model;
        model.setEntries({entry(QStringLiteral("aud_1"), action, QStringLiteral("whe_a"), {})});
        QCOMPARE(model.index(0, AuditLogTableModel::ActionColumn).data().toString(), text);
        // The tooltip is rich text that shows the action as written, whatever it holds.
        const QString tooltip = model.index(0, AuditLogTableModel::ActionColumn).data(Qt::ToolTipRole).toString();
        QCOMPARE(QTextDocumentFragment::fromHtml(tooltip).toPlainText(), action);
        QCOMPARE(model.index(0, AuditLogTableModel::EndpointColumn).data().toString(), QStringLiteral("whe_a"));
        QCOMPARE(model.index(0, AuditLogTableModel::AddressColumn).data().toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(model.headerData(AuditLogTableModel::AddressColumn, Qt::Horizontal).toString(), QStringLiteral("Client address"));
    }
};

QTEST_MAIN(tst_AuditLogTableModel)
#include "tst_auditlogtablemodel.moc"
