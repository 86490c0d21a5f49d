#include "EndpointDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class tst_EndpointDialog : public QObject
{
    Q_OBJECT

    static QList<EventTypeInfo> catalog()
    {
        return {{QStringLiteral("survey.response.created"), QStringLiteral("A survey response"), {}},
                {QStringLiteral("feedback.ticket.created"), QStringLiteral("A ticket"), {}}};
    }
    static QPushButton *okButton(EndpointDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

private slots:
    void urlRules_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("acceptable");
        QTest::newRow("https") << QStringLiteral("https://hooks.example.com/ena") << true;
        QTest::newRow("http with port") << QStringLiteral("http://127.0.0.1:8080/hook") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://files.example.com/") << false;
        QTest::newRow("relative") << QStringLiteral("/hook") << false;
        QTest::newRow("no host") << QStringLiteral("https:///hook") << false;
        QTest::newRow("too long") << QStringLiteral("https://example.com/") + QString(2040, QLatin1Char('a')) << false;
    }
    void urlRules()
    {
        QFETCH(QString, url);
        QFETCH(bool, acceptable);
        QCOMPARE(EndpointDialog::urlProblem(url).isEmpty(), acceptable);
    }

    void okNeedsAUrlAndEvents()
    {
        EndpointDialog dialog(catalog());
        auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        auto *all = dialog.findChild<QCheckBox *>(QStringLiteral("allEvents"));
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("eventList"));
        QCOMPARE(list->count(), 2);
        QVERIFY(!okButton(dialog)->isEnabled());
        url->setText(QStringLiteral("ftp://x"));
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("urlProblem"))->text().isEmpty());
        url->setText(QStringLiteral("https://hooks.example.com/"));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("urlProblem"))->text().isEmpty());
        QVERIFY(!okButton(dialog)->isEnabled()); // no events yet
        list->item(1)->setCheckState(Qt::Checked);
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(dialog.events(), QStringList{QStringLiteral("feedback.ticket.created")});
        all->setChecked(true);
        QCOMPARE(dialog.events(), QStringList{QStringLiteral("*")});
        QVERIFY(!list->isEnabled());
    }

    void submitKeepsTheDialogOpenUntilTheServerAnswers()
    {
        EndpointDialog dialog(catalog());
        dialog.show();
        dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setText(QStringLiteral("https://hooks.example.com/"));
        dialog.findChild<QCheckBox *>(QStringLiteral("allEvents"))->setChecked(true);
        QSignalSpy submitted(&dialog, &EndpointDialog::submitted);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(submitted.count(), 1);
        QVERIFY(dialog.isVisible());
        QVERIFY(!okButton(dialog)->isEnabled());
        dialog.showError(QStringLiteral("url: not allowed"));
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("errorLabel"))->text(), QStringLiteral("url: not allowed"));
        QCOMPARE(dialog.url(), QStringLiteral("https://hooks.example.com/")); // nothing typed is lost
        dialog.finish();
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void editShowsTheEndpoint()
    {
        EndpointDialog dialog(catalog());
        dialog.setEndpoint({QStringLiteral("whe_1"), QStringLiteral("https://a.example/"),
                            {QStringLiteral("survey.response.created")}, false, {}, {}});
        QCOMPARE(dialog.endpointId(), QStringLiteral("whe_1"));
        QCOMPARE(dialog.url(), QStringLiteral("https://a.example/"));
        QCOMPARE(dialog.events(), QStringList{QStringLiteral("survey.response.created")});
        QVERIFY(!dialog.isEnabledChecked());
    }
};

QTEST_MAIN(tst_EndpointDialog)
#include "tst_endpointdialog.moc"
