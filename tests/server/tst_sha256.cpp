#include "Sha256.h"

#include <QCryptographicHash>
#include <QTest>

// Sha256 is what bearer tokens are compared through and what SigningKey keys its HMAC with:
// its digests must be SHA-256's, checked against FIPS 180-2 vectors and against Qt's own
// implementation, which shares no code with OpenSSL's.
class tst_Sha256 : public QObject
{
    Q_OBJECT
private slots:
    void digestIsSha256_data();
    void digestIsSha256();
    void differentInputsGiveDifferentDigests();
};

void tst_Sha256::digestIsSha256_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedHex"); // empty: compare with QCryptographicHash only
    QTest::newRow("empty") << QByteArray() << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc") << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("two blocks")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("token-like") << QByteArray("ena_adm_0123456789abcdefghijklmnopqrstuv") << QByteArray();
    QByteArray binary(1000, Qt::Uninitialized);
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = char((i * 151 + 7) & 0xff);
    QTest::newRow("binary, 1000 bytes") << binary << QByteArray();
}

void tst_Sha256::digestIsSha256()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedHex);
    const QByteArray digest = Sha256::digest(input);
    QCOMPARE(digest.size(), 32);
    QCOMPARE(digest, QCryptographicHash::hash(input, QCryptographicHash::Sha256));
    if (!expectedHex.isEmpty())
        QCOMPARE(digest.toHex(), expectedHex);
    QCOMPARE(Sha256::digest(input), digest); // the algorithm fetched once serves every call
}

void tst_Sha256::differentInputsGiveDifferentDigests()
{
    // A token that differs in its last byte only must not compare equal.
    QVERIFY(Sha256::digest("secret-token-a") != Sha256::digest("secret-token-b"));
    QVERIFY(Sha256::algorithm() != nullptr);
}

QTEST_GUILESS_MAIN(tst_Sha256)
#include "tst_sha256.moc"
