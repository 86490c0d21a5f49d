#include "SignatureCheck.h"

#include <QTest>

// The official Standard Webhooks test vector (../shared/notes/platform-facts.md).
namespace {
const QString vectorSecret = QStringLiteral("whs_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const QString vectorId = QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek");
const QString vectorTimestamp = QStringLiteral("1614265330");
const QByteArray vectorBody = R"({"test": 2432232314})";
const QString vectorSignature = QStringLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
const QDateTime signedAt = QDateTime::fromSecsSinceEpoch(1614265330, Qt::UTC);
} // namespace

class tst_SignatureCheck : public QObject
{
    Q_OBJECT
private slots:
    void outcomes_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("timestamp");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("outcome");
        using O = SignatureCheck::Outcome;
        QTest::newRow("official vector") << vectorId << vectorTimestamp << vectorSignature << vectorBody << vectorSecret << int(O::Valid);
        QTest::newRow("secret without prefix") << vectorId << vectorTimestamp << vectorSignature << vectorBody
                                               << vectorSecret.mid(4) << int(O::Valid);
        QTest::newRow("several signatures") << vectorId << vectorTimestamp
                                            << QStringLiteral("v1,AAAA ") + vectorSignature << vectorBody << vectorSecret
                                            << int(O::Valid);
        QTest::newRow("pasted with spaces") << QStringLiteral(" ") + vectorId + QStringLiteral(" ") << vectorTimestamp
                                            << vectorSignature + QStringLiteral("\n") << vectorBody << vectorSecret << int(O::Valid);
        QTest::newRow("body changed") << vectorId << vectorTimestamp << vectorSignature << QByteArray(R"({"test": 2432232315})")
                                      << vectorSecret << int(O::Invalid);
        QTest::newRow("id changed") << QStringLiteral("msg_other") << vectorTimestamp << vectorSignature << vectorBody
                                    << vectorSecret << int(O::Invalid);
        QTest::newRow("timestamp changed") << vectorId << QStringLiteral("1614265331") << vectorSignature << vectorBody
                                           << vectorSecret << int(O::Invalid);
        QTest::newRow("other secret") << vectorId << vectorTimestamp << vectorSignature << vectorBody
                                      << QStringLiteral("whs_c2VjcmV0LXNlY3JldC1zZWNyZXQ=") << int(O::Invalid);
        QTest::newRow("secret not base64") << vectorId << vectorTimestamp << vectorSignature << vectorBody
                                           << QStringLiteral("whs_***") << int(O::BadSecret);
        QTest::newRow("timestamp not a number") << vectorId << QStringLiteral("yesterday") << vectorSignature << vectorBody
                                                << vectorSecret << int(O::BadTimestamp);
        QTest::newRow("no signature") << vectorId << vectorTimestamp << QString() << vectorBody << vectorSecret
                                      << int(O::MissingInput);
        QTest::newRow("no secret") << vectorId << vectorTimestamp << vectorSignature << vectorBody << QString()
                                   << int(O::MissingInput);
    }
    void outcomes()
    {
        QFETCH(QString, id);
        QFETCH(QString, timestamp);
        QFETCH(QString, signature);
        QFETCH(QByteArray, body);
        QFETCH(QString, secret);
        QFETCH(int, outcome);
        QCOMPARE(int(SignatureCheck::check(id, timestamp, signature, body, secret, signedAt).outcome), outcome);
    }

    void ageOfTheTimestamp_data()
    {
        QTest::addColumn<qint64>("secondsLater");
        QTest::addColumn<bool>("fresh");
        QTest::newRow("just now") << qint64(0) << true;
        QTest::newRow("five minutes") << qint64(300) << true;
        QTest::newRow("five minutes and a second") << qint64(301) << false;
        QTest::newRow("from the future") << qint64(-400) << false;
    }
    void ageOfTheTimestamp()
    {
        QFETCH(qint64, secondsLater);
        QFETCH(bool, fresh);
        const auto result = SignatureCheck::check(vectorId, vectorTimestamp, vectorSignature, vectorBody, vectorSecret,
                                                  signedAt.addSecs(secondsLater));
        QCOMPARE(result.outcome, SignatureCheck::Outcome::Valid);
        QCOMPARE(result.ageSeconds, secondsLater);
        QCOMPARE(result.timestampFresh, fresh);
    }
};

QTEST_MAIN(tst_SignatureCheck)
#include "tst_signaturecheck.moc"
