#include "ApiTestClient.h"
#include "AuditLogDialog.h"
#include "AuditLogTableModel.h"
#include "MainWindow.h"
#include "TestServer.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Server → Audit Log… against a real server: what was changed through the API shows up,
// newest first, page by page.
class tst_AuditLogDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::unique_ptr<MainWindow> m_window;

    QString createEndpoint()
    {
        return m_client->post(QStringLiteral("/api/integrations/webhooks"),
                              {{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/audit")},
                               {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}}})
            .json().value(QStringLiteral("id")).toString();
    }
    void rotate(const QString &id)
    {
        QCOMPARE(m_client->post(QStringLiteral("/api/integrations/webhooks/") + id + QStringLiteral("/rotate-secret")).status, 200);
    }
    AuditLogDialog *openAuditLog()
    {
        m_window->findChild<QAction *>(QStringLiteral("actionAuditLog"))->trigger();
        AuditLogDialog *dialog = nullptr;
        [&] { QTRY_VERIFY((dialog = m_window->findChild<AuditLogDialog *>()) && dialog->isVisible()); }();
        return dialog;
    }
    static QString cell(AuditLogDialog *dialog, int row, int column)
    {
        return dialog->model()->index(row, column).data().toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_auditlogdialog"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        m_client = std::make_unique<ApiTestClient>(m_server->url(QString()), m_server->token());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        const QUrl base = m_server->url(QString());
        m_window->connectTo({QStringLiteral("test server"), base, m_server->token(), base.toString()});
    }

    void cleanup()
    {
        m_window.reset();
        m_client.reset();
        m_server.reset();
    }

    void changesAppearNewestFirst()
    {
        const QString id = createEndpoint();
        rotate(id);
        AuditLogDialog *dialog = openAuditLog();
        QTRY_COMPARE(dialog->model()->rowCount(), 2);
        QCOMPARE(cell(dialog, 0, AuditLogTableModel::ActionColumn), QStringLiteral("Secret rotated"));
        QCOMPARE(cell(dialog, 1, AuditLogTableModel::ActionColumn), QStringLiteral("Endpoint created"));
        QCOMPARE(cell(dialog, 0, AuditLogTableModel::EndpointColumn), id);
        QCOMPARE(cell(dialog, 0, AuditLogTableModel::AddressColumn), QStringLiteral("127.0.0.1"));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("pageLabel"))->text().startsWith(QStringLiteral("Page 1 of 1")));

        // Refresh picks up what happened since.
        QCOMPARE(m_client->del(QStringLiteral("/api/integrations/webhooks/") + id).status, 204);
        dialog->findChild<QPushButton *>(QStringLiteral("refreshButton"))->click();
        QTRY_COMPARE(dialog->model()->rowCount(), 3);
        QCOMPARE(cell(dialog, 0, AuditLogTableModel::ActionColumn), QStringLiteral("Endpoint deleted"));
    }

    void pagesThroughTheLog()
    {
        const QString id = createEndpoint();
        for (int i = 0; i < 10; ++i)
            rotate(id);
        AuditLogDialog *dialog = openAuditLog();
        auto *pageSize = dialog->findChild<QComboBox *>(QStringLiteral("pageSize"));
        pageSize->setCurrentIndex(pageSize->findData(10));
        auto *label = dialog->findChild<QLabel *>(QStringLiteral("pageLabel"));
        auto *previous = dialog->findChild<QPushButton *>(QStringLiteral("previousButton"));
        auto *next = dialog->findChild<QPushButton *>(QStringLiteral("nextButton"));
        QTRY_COMPARE(label->text(), QStringLiteral("Page 1 of 2 (11 entries)"));
        QCOMPARE(dialog->model()->rowCount(), 10);
        QVERIFY(!previous->isEnabled());
        QVERIFY(next->isEnabled());

        QTest::mouseClick(next, Qt::LeftButton);
        QTRY_COMPARE(label->text(), QStringLiteral("Page 2 of 2 (11 entries)"));
        QCOMPARE(dialog->model()->rowCount(), 1);
        QCOMPARE(cell(dialog, 0, AuditLogTableModel::ActionColumn), QStringLiteral("Endpoint created")); // the oldest
        QVERIFY(!next->isEnabled());
        QVERIFY(previous->isEnabled());
        QTest::mouseClick(previous, Qt::LeftButton);
        QTRY_COMPARE(label->text(), QStringLiteral("Page 1 of 2 (11 entries)"));
    }
};

QTEST_MAIN(tst_AuditLogDialog)
#include "tst_auditlogdialog.moc"
