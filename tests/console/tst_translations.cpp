#include "ConsoleLauncher.h"
#include "DeliveryTableModel.h"
#include "EndpointDialog.h"

#include <QApplication>
#include <QDirIterator>
#include <QTest>
#include <QTranslator>

// The German translation is built into the console and chosen from the system locale.
class tst_Translations : public QObject
{
    Q_OBJECT
private slots:
    void germanIsEmbedded()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/ena-webhooks_de.qm")));
        QVERIFY(!translator.isEmpty());
    }

    void germanLocaleTranslatesTheConsole()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QObject owner;
        ConsoleLauncher::installTranslations(&owner);
        QCOMPARE(DeliveryTableModel::statusText(DeliveryInfo::Status::Failed), QStringLiteral("Fehlgeschlagen"));
        QCOMPARE(DeliveryTableModel::statusText(DeliveryInfo::Status::Delivered), QStringLiteral("Zugestellt"));
        EndpointDialog dialog({});
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Neuer Endpunkt"));
        QLocale::setDefault(QLocale::c());
    }
};

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
