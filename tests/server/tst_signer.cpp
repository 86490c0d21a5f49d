#include "Signer.h"

#include <QTest>

class tst_Signer : public QObject
{
    Q_OBJECT
private slots:
    void officialTestVector();
    void verify_data();
    void verify();
    void keyFromSecret_data();
    void keyFromSecret();
};

void tst_Signer::officialTestVector()
{
    // From the Standard Webhooks reference libraries.
    const auto key = Signer::keyFromSecret(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    QVERIFY(key);
    QCOMPARE(Signer::sign(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})"),
             QByteArray("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
}

void tst_Signer::verify_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    const QByteArray good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    const QByteArray body = R"({"test": 2432232314})";
    QTest::newRow("exact") << good << body << true;
    QTest::newRow("among several") << QByteArray("v1,AAAA " + good + " v2,zzz") << body << true;
    QTest::newRow("body changed") << good << QByteArray(R"({"test": 2432232315})") << false;
    QTest::newRow("signature changed") << QByteArray("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=") << body << false;
    QTest::newRow("empty header") << QByteArray() << body << false;
    QTest::newRow("no version") << QByteArray("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=") << body << false;
}

void tst_Signer::verify()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    const auto key = Signer::keyFromSecret(QStringLiteral("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    QVERIFY(key);
    QCOMPARE(Signer::verify(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, header), valid);
}

void tst_Signer::keyFromSecret_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("valid");
    QTest::newRow("whs prefix") << QStringLiteral("whs_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << true;
    QTest::newRow("whsec prefix") << QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << true;
    QTest::newRow("bare") << QStringLiteral("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << true;
    QTest::newRow("not base64") << QStringLiteral("whs_***") << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_Signer::keyFromSecret()
{
    QFETCH(QString, secret);
    QFETCH(bool, valid);
    const auto key = Signer::keyFromSecret(secret);
    QCOMPARE(key.has_value(), valid);
    if (valid)
        QCOMPARE(*key, QByteArray::fromBase64("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
}

QTEST_GUILESS_MAIN(tst_Signer)
#include "tst_signer.moc"
