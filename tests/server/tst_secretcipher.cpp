#include "SecretCipher.h"

#include <QTest>

// AES-256-GCM sealing of endpoint secrets: round trip, a fresh nonce every time, and nothing
// opens with the wrong key, the wrong endpoint id or a changed byte.
class tst_SecretCipher : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void sealedTextHidesTheSecret();
    void freshNonceEverySeal();
    void refusesWhatItCannotVouchFor_data();
    void refusesWhatItCannotVouchFor();
    void rejectsShortKey();
};

namespace {
const QByteArray kKey = QByteArray(32, 'k');
const QString kSecret = QStringLiteral("whs_Vx2cJ9abcdefghijklmnopqrstuvwxyz0123");
const QString kEndpoint = QStringLiteral("whe_abc");
} // namespace

void tst_SecretCipher::roundTrip_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("endpoint secret") << kSecret;
    QTest::newRow("empty") << QString();
    QTest::newRow("unicode") << QStringLiteral("sécret-ü-日本");
    QTest::newRow("long") << QString(5000, QLatin1Char('x'));
}

void tst_SecretCipher::roundTrip()
{
    QFETCH(QString, secret);
    const SecretCipher cipher(kKey);
    const QString sealed = cipher.seal(secret, kEndpoint);
    QVERIFY(SecretCipher::isSealed(sealed));
    QCOMPARE(cipher.open(sealed, kEndpoint), std::optional<QString>(secret));
}

void tst_SecretCipher::sealedTextHidesTheSecret()
{
    const QString sealed = SecretCipher(kKey).seal(kSecret, kEndpoint);
    QVERIFY(!sealed.contains(kSecret));
    QVERIFY(!sealed.contains(kSecret.mid(4, 8)));
    QVERIFY(!QByteArray::fromBase64(sealed.mid(5).toLatin1()).contains(kSecret.toUtf8()));
}

void tst_SecretCipher::freshNonceEverySeal()
{
    const SecretCipher cipher(kKey);
    const QString first = cipher.seal(kSecret, kEndpoint);
    const QString second = cipher.seal(kSecret, kEndpoint);
    QVERIFY(first != second);
    // The 12-byte nonce leads the sealed bytes.
    QVERIFY(QByteArray::fromBase64(first.mid(5).toLatin1()).left(12) != QByteArray::fromBase64(second.mid(5).toLatin1()).left(12));
}

void tst_SecretCipher::refusesWhatItCannotVouchFor_data()
{
    QTest::addColumn<QByteArray>("openKey");
    QTest::addColumn<QString>("openContext");
    QTest::addColumn<int>("flipByte"); // -1: none
    QTest::newRow("other key") << QByteArray(32, 'o') << kEndpoint << -1;
    QTest::newRow("other endpoint id") << kKey << QStringLiteral("whe_other") << -1;
    QTest::newRow("flipped nonce byte") << kKey << kEndpoint << 0;
    QTest::newRow("flipped ciphertext byte") << kKey << kEndpoint << 14;
    QTest::newRow("flipped tag byte") << kKey << kEndpoint << -2;
}

void tst_SecretCipher::refusesWhatItCannotVouchFor()
{
    QFETCH(QByteArray, openKey);
    QFETCH(QString, openContext);
    QFETCH(int, flipByte);
    QString sealed = SecretCipher(kKey).seal(kSecret, kEndpoint);
    if (flipByte != -1) {
        QByteArray raw = QByteArray::fromBase64(sealed.mid(5).toLatin1());
        const qsizetype at = flipByte >= 0 ? flipByte : raw.size() - 1;
        raw[at] = static_cast<char>(raw.at(at) ^ 0x01);
        sealed = QStringLiteral("enc1:") + QString::fromLatin1(raw.toBase64());
    }
    QCOMPARE(SecretCipher(openKey).open(sealed, openContext), std::nullopt);
    QCOMPARE(SecretCipher(kKey).open(QStringLiteral("enc1:not base64!"), kEndpoint), std::nullopt);
    QCOMPARE(SecretCipher(kKey).open(kSecret, kEndpoint), std::nullopt);
}

void tst_SecretCipher::rejectsShortKey()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SecretCipher(QByteArray(16, 'k')));
}

QTEST_GUILESS_MAIN(tst_SecretCipher)
#include "tst_secretcipher.moc"
