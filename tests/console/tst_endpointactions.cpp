#include "EndpointDialog.h"
#include "EndpointTableModel.h"
#include "FakeApiServer.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "VisibleChild.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

// The endpoint operations of the real main window against a server that does not answer as it
// should (issue 23, defect 4): a create whose answer never came must not be sent twice.
class tst_EndpointActions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    const QString m_collection = QStringLiteral("/api/integrations/webhooks");
    const QString m_createdId = QStringLiteral("whe_0AbCdEfG00000000000001");
    const QString m_url = QStringLiteral("https://hooks.example.com/slow");

    QByteArray listWithCreatedAfterAPost() const
    {
        QJsonArray data{QJsonObject{{QStringLiteral("id"), QStringLiteral("whe_0AbCdEfG00000000000000")},
                                    {QStringLiteral("url"), m_url}, // the same URL, there before: not the new one
                                    {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                                    {QStringLiteral("enabled"), false},
                                    {QStringLiteral("created_at"), QStringLiteral("2024-05-01T09:00:00Z")},
                                    {QStringLiteral("updated_at"), QStringLiteral("2024-05-01T09:00:00Z")}}};
        if (m_server->count("POST", m_collection) > 0)
            data.append(QJsonObject{{QStringLiteral("id"), m_createdId},
                                    {QStringLiteral("url"), m_url},
                                    {QStringLiteral("events"), QJsonArray{QStringLiteral("*")}},
                                    {QStringLiteral("enabled"), true},
                                    {QStringLiteral("created_at"), QStringLiteral("2024-05-01T10:00:00Z")},
                                    {QStringLiteral("updated_at"), QStringLiteral("2024-05-01T10:00:00Z")}});
        return QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact);
    }
    QString bannerText() const
    {
        return m_window->banner()->isVisible() ? m_window->banner()->findChild<QLabel *>(QStringLiteral("messageText"))->text() : QString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_endpointactions"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        m_server = std::make_unique<FakeApiServer>();
        QVERIFY(m_server->start());
        m_window = std::make_unique<MainWindow>();
        m_window->setHealthCheckInterval(500); // a request that timed out marks the server lost until then
        m_window->show();
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
    }

    void createWithoutAnAnswerIsSentOnceAndTheEndpointFound()
    {
        // The server takes the create, carries it out, and its answer never comes.
        FakeApiServer::Answer hang;
        hang.silent = true;
        m_server->answer("POST", m_collection, hang);
        m_server->answerWith("GET", m_collection, [this](const FakeApiServer::Request &) {
            return FakeApiServer::jsonAnswer(listWithCreatedAfterAPost());
        });
        for (const char *id : {"whe_0AbCdEfG00000000000000", "whe_0AbCdEfG00000000000001"})
            m_server->answerJson("GET", m_collection + QLatin1Char('/') + QLatin1String(id) + QStringLiteral("/deliveries"),
                                 R"({"data":[],"meta":{"page":1,"per_page":20,"total":0}})");
        // The console's 15 s, shortened for the test, but long enough for a busy machine.
        m_window->api()->setDeadline(2500);
        m_window->connectTo({QStringLiteral("fake"), m_server->url(), "token", m_server->url().toString()});
        QTRY_COMPARE(m_window->endpointModel()->rowCount(), 1);

        m_window->findChild<QAction *>(QStringLiteral("actionNew"))->trigger();
        EndpointDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<EndpointDialog>(m_window.get())));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), m_url);
        dialog->findChild<QCheckBox *>(QStringLiteral("allEvents"))->setChecked(true);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_COMPARE(m_server->count("POST", m_collection), 1);

        // Past the deadline the admin presses OK again, if there still is an OK to press.
        QTRY_VERIFY_WITH_TIMEOUT(!visibleChild<EndpointDialog>(m_window.get()) || ok->isEnabled(), 10000);
        if (visibleChild<EndpointDialog>(m_window.get()))
            QTest::mouseClick(ok, Qt::LeftButton);

        // Either the endpoint turns up selected, or a second create reached the server.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->currentEndpoint().value_or(EndpointInfo()).id == m_createdId
                                     || m_server->count("POST", m_collection) > 1,
                                 10000);
        QCOMPARE(m_server->count("POST", m_collection), 1);
        QCOMPARE(m_window->currentEndpoint().value_or(EndpointInfo()).id, m_createdId);
        const QString said = bannerText();
        QVERIFY2(said.contains(QStringLiteral("did create")) && said.contains(m_url), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("Rotate the secret")), qPrintable(said));

        // The way to a usable secret is one click away.
        auto *offer = m_window->banner()->findChild<QToolButton *>(QStringLiteral("offerButton"));
        QVERIFY(offer->isVisible());
        QVERIFY(offer->isEnabled());
        QTest::mouseClick(offer, Qt::LeftButton);
        QMessageBox *confirm = nullptr;
        QTRY_VERIFY((confirm = m_window->findChild<QMessageBox *>(QStringLiteral("confirmRotate"))) && confirm->isVisible());
        QVERIFY2(confirm->text().contains(m_url), qPrintable(confirm->text()));
        confirm->reject();
    }

    void createWithoutAnAnswerThatDidNothingSaysSo()
    {
        FakeApiServer::Answer hang;
        hang.silent = true;
        m_server->answer("POST", m_collection, hang); // and the list stays empty
        m_window->api()->setDeadline(2500);
        m_window->connectTo({QStringLiteral("fake"), m_server->url(), "token", m_server->url().toString()});
        QTRY_VERIFY(m_server->count("GET", m_collection) > 0);

        m_window->findChild<QAction *>(QStringLiteral("actionNew"))->trigger();
        EndpointDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<EndpointDialog>(m_window.get())));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), m_url);
        dialog->findChild<QCheckBox *>(QStringLiteral("allEvents"))->setChecked(true);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        QTRY_VERIFY_WITH_TIMEOUT(bannerText().contains(QStringLiteral("did not create")), 10000);
        QVERIFY2(bannerText().contains(m_url), qPrintable(bannerText()));
        QVERIFY(!m_window->banner()->findChild<QToolButton *>(QStringLiteral("offerButton"))->isVisible());
        QCOMPARE(m_server->count("POST", m_collection), 1);
    }
};

QTEST_MAIN(tst_EndpointActions)
#include "tst_endpointactions.moc"
