#include "ServerProfiles.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

class tst_ServerProfiles : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ena-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_serverprofiles"));
    }
    void init() { QSettings().clear(); }

    void thisComputerIsAlwaysThere()
    {
        ServerProfiles profiles;
        QCOMPARE(profiles.all().size(), 1);
        QVERIFY(profiles.all().first().isLocal());
        QCOMPARE(profiles.currentId(), ServerProfile::localId());
    }

    void remotesAreKept()
    {
        QString id;
        {
            ServerProfiles profiles;
            id = profiles.addRemote(QStringLiteral("Production"), QUrl(QStringLiteral("https://hooks.example.com")));
            profiles.setCurrentId(id);
        }
        ServerProfiles reopened;
        QCOMPARE(reopened.all().size(), 2);
        const auto found = reopened.find(id);
        QVERIFY(found.has_value());
        QCOMPARE(found->name, QStringLiteral("Production"));
        QCOMPARE(found->baseUrl, QUrl(QStringLiteral("https://hooks.example.com")));
        QVERIFY(!found->isLocal());
        QCOMPARE(reopened.currentId(), id);
    }

    void removingTheCurrentFallsBackToThisComputer()
    {
        ServerProfiles profiles;
        const QString a = profiles.addRemote(QStringLiteral("A"), QUrl(QStringLiteral("https://a.example")));
        const QString b = profiles.addRemote(QStringLiteral("B"), QUrl(QStringLiteral("https://b.example")));
        profiles.setCurrentId(a);
        profiles.remove(a);
        QCOMPARE(profiles.all().size(), 2);
        QVERIFY(!profiles.find(a));
        QVERIFY(profiles.find(b));
        QCOMPARE(profiles.currentId(), ServerProfile::localId());
    }

    void unknownCurrentIsThisComputer()
    {
        ServerProfiles profiles;
        profiles.setCurrentId(QStringLiteral("gone"));
        QCOMPARE(profiles.currentId(), ServerProfile::localId());
    }
};

QTEST_MAIN(tst_ServerProfiles)
#include "tst_serverprofiles.moc"
