#include "Authenticator.h"

#include <QTest>

Q_DECLARE_METATYPE(Authenticator::Role)

// Authenticator decides who a request is from. It remembers the last header that passed per
// role, so every check runs twice here: the first goes through the digest, the repeat through
// what was remembered, and both must give the same answer.
class tst_Authenticator : public QObject
{
    Q_OBJECT
private slots:
    void roleForHeader_data();
    void roleForHeader();
    void rememberedHeaderDoesNotOpenTheDoorForAnother();
    void rolesStaySeparateWhenClientsAlternate();
    void withoutPublishTokenOnlyAdminPasses();
};

namespace {
const QByteArray kAdmin = "ena_adm_0123456789abcdefghijklmnopqrstuv";
const QByteArray kPublish = "ena_pub_zyxwvutsrqponmlkjihgfedcba987654";
} // namespace

void tst_Authenticator::roleForHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<Authenticator::Role>("role");
    QTest::newRow("admin") << "Bearer " + kAdmin << Authenticator::Role::Admin;
    QTest::newRow("publisher") << "Bearer " + kPublish << Authenticator::Role::Publisher;
    QTest::newRow("scheme in lower case") << "bearer " + kAdmin << Authenticator::Role::Admin;
    QTest::newRow("spaces around the token") << "Bearer   " + kAdmin + "  " << Authenticator::Role::Admin;
    QTest::newRow("wrong token") << QByteArray("Bearer not-the-token") << Authenticator::Role::None;
    QTest::newRow("token with one byte changed") << "Bearer " + kAdmin.chopped(1) + "w" << Authenticator::Role::None;
    QTest::newRow("token without scheme") << kAdmin << Authenticator::Role::None;
    QTest::newRow("basic scheme") << "Basic " + kAdmin << Authenticator::Role::None;
    QTest::newRow("scheme only") << QByteArray("Bearer ") << Authenticator::Role::None;
    QTest::newRow("empty") << QByteArray() << Authenticator::Role::None;
}

void tst_Authenticator::roleForHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(Authenticator::Role, role);
    const Authenticator authenticator(kAdmin, kPublish);
    QCOMPARE(authenticator.roleFor(header), role);
    QCOMPARE(authenticator.roleFor(header), role);
}

void tst_Authenticator::rememberedHeaderDoesNotOpenTheDoorForAnother()
{
    const Authenticator authenticator(kAdmin, kPublish);
    QCOMPARE(authenticator.roleFor("Bearer " + kAdmin), Authenticator::Role::Admin);
    // Same length as the remembered header, differing in the last byte, then in the first.
    QCOMPARE(authenticator.roleFor("Bearer " + kAdmin.chopped(1) + "x"), Authenticator::Role::None);
    QCOMPARE(authenticator.roleFor("Bearer x" + kAdmin.mid(1)), Authenticator::Role::None);
    QCOMPARE(authenticator.roleFor("Bearer " + kAdmin + "x"), Authenticator::Role::None);
    QCOMPARE(authenticator.roleFor("Bearer " + kAdmin), Authenticator::Role::Admin);
}

void tst_Authenticator::rolesStaySeparateWhenClientsAlternate()
{
    const Authenticator authenticator(kAdmin, kPublish);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(authenticator.roleFor("Bearer " + kPublish), Authenticator::Role::Publisher);
        QCOMPARE(authenticator.roleFor("Bearer " + kAdmin), Authenticator::Role::Admin);
        QCOMPARE(authenticator.roleFor("Bearer wrong"), Authenticator::Role::None);
    }
}

void tst_Authenticator::withoutPublishTokenOnlyAdminPasses()
{
    const Authenticator authenticator(kAdmin);
    QCOMPARE(authenticator.roleFor("Bearer " + kAdmin), Authenticator::Role::Admin);
    QCOMPARE(authenticator.roleFor("Bearer " + kPublish), Authenticator::Role::None);
    QCOMPARE(authenticator.roleFor(QByteArray("Bearer ")), Authenticator::Role::None);
}

QTEST_GUILESS_MAIN(tst_Authenticator)
#include "tst_authenticator.moc"
