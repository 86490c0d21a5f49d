#include "Signer.h"
#include "SigningKey.h"

#include <QCryptographicHash>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace {
// Every byte value, high ones included, so a sign-extension slip in the key pads would show.
QByteArray patternKey(int length)
{
    QByteArray key(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        key[i] = char((i * 37 + 11) & 0xff);
    return key;
}

// The reference: OpenSSL's one-shot HMAC, which keys from scratch on every call, so it cannot
// share any state mistake with SigningKey's precomputed pads.
QByteArray referenceSignature(const QByteArray &key, const QByteArray &message)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const unsigned char *result = HMAC(EVP_sha256(), key.constData(), int(key.size()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       size_t(message.size()), digest, &length);
    if (!result || length != 32)
        return QByteArray();
    return QByteArrayLiteral("v1,")
         + QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length)).toBase64();
}

QByteArray referenceSignature(const QByteArray &key, const QByteArray &id, qint64 timestamp, const QByteArray &body)
{
    return referenceSignature(key, id + '.' + QByteArray::number(timestamp) + '.' + body);
}

// Bodies of every length around SHA-256's 64-byte block and its 55/56-byte padding edge,
// where a wrong length or a context reused without reset would surface.
QByteArray body(int n)
{
    QByteArray text = QByteArrayLiteral("{\"n\":") + QByteArray::number(n) + QByteArrayLiteral(",\"pad\":\"");
    text += QByteArray(n % 300, char('a' + n % 26));
    text += "\"}";
    return text;
}
} // namespace

class tst_SigningKey : public QObject
{
    Q_OBJECT
private slots:
    void keyLengths_data();
    void keyLengths();
    void longKeyIsHashedFirst_data();
    void longKeyIsHashedFirst();
    void reusedKeyMatchesFreshHmac_data();
    void reusedKeyMatchesFreshHmac();
    void orderIndependent();
    void messageLayout_data();
    void messageLayout();
};

void tst_SigningKey::keyLengths_data()
{
    QTest::addColumn<int>("length");
    for (const int length : {0, 1, 24, 32, 63, 64, 65, 128, 200})
        QTest::addRow("%d bytes", length) << length;
}

void tst_SigningKey::keyLengths()
{
    QFETCH(int, length);
    const QByteArray key = patternKey(length);
    SigningKey signingKey(key);
    const QByteArray id = QByteArrayLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek");
    const QByteArray payload = QByteArrayLiteral(R"({"test": 2432232314})");
    const QByteArray expected = referenceSignature(key, id, 1614265330, payload);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(signingKey.sign(id, 1614265330, payload), expected);
    // Same for a key with one bit changed: the whole key, not a prefix, must be in the pads.
    if (length > 0) {
        QByteArray flipped = key;
        flipped[length - 1] = char(flipped.at(length - 1) ^ 0x01);
        SigningKey other(flipped);
        const QByteArray otherSignature = other.sign(id, 1614265330, payload);
        QCOMPARE(otherSignature, referenceSignature(flipped, id, 1614265330, payload));
        QVERIFY(otherSignature != expected);
    }
}

void tst_SigningKey::longKeyIsHashedFirst_data()
{
    QTest::addColumn<int>("length");
    for (const int length : {65, 100, 200, 1000})
        QTest::addRow("%d bytes", length) << length;
}

void tst_SigningKey::longKeyIsHashedFirst()
{
    // RFC 2104: a key longer than the block is replaced by its hash, so both must sign alike.
    // Truncating to 64 bytes instead would match neither this nor the reference.
    QFETCH(int, length);
    const QByteArray key = patternKey(length);
    const QByteArray hashed = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    SigningKey longKey(key);
    SigningKey hashedKey(hashed);
    SigningKey truncatedKey(key.left(64));
    const QByteArray signature = longKey.sign("msg_1", 1, "{}");
    QCOMPARE(signature, hashedKey.sign("msg_1", 1, "{}"));
    QCOMPARE(signature, referenceSignature(key, "msg_1", 1, "{}"));
    QVERIFY(signature != truncatedKey.sign("msg_1", 1, "{}"));
}

void tst_SigningKey::reusedKeyMatchesFreshHmac_data()
{
    QTest::addColumn<int>("keyLength");
    QTest::newRow("24-byte key, as generated") << 24;
    QTest::newRow("64-byte key") << 64;
    QTest::newRow("200-byte key") << 200;
}

void tst_SigningKey::reusedKeyMatchesFreshHmac()
{
    // The dispatcher keeps one SigningKey per endpoint for every delivery; state left over from
    // one message must never reach the next.
    QFETCH(int, keyLength);
    const QByteArray key = patternKey(keyLength);
    SigningKey signingKey(key);
    for (int n = 0; n < 600; ++n) {
        const QByteArray id = QByteArrayLiteral("evt_") + QByteArray::number(n * 7919);
        const qint64 timestamp = 1780828204 + n * 13;
        const QByteArray text = body(n);
        const QByteArray signature = signingKey.sign(id, timestamp, text);
        QCOMPARE(signature, referenceSignature(key, id, timestamp, text));
        // Signer, which makes a fresh SigningKey each time, agrees.
        QCOMPARE(Signer::sign(key, id, timestamp, text), signature);
    }
}

void tst_SigningKey::orderIndependent()
{
    const QByteArray key = QByteArray::fromBase64("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    SigningKey signingKey(key);
    const QByteArray a = signingKey.sign("msg_a", 1614265330, R"({"a":1})");
    const QByteArray b = signingKey.sign("msg_b", 1614265331, QByteArray(500, 'b'));
    const QByteArray emptyBody = signingKey.sign("msg_a", 1614265330, QByteArray());
    const QByteArray aAgain = signingKey.sign("msg_a", 1614265330, R"({"a":1})");
    QCOMPARE(aAgain, a);
    QVERIFY(a != b);
    QVERIFY(a != emptyBody);
    QCOMPARE(a, referenceSignature(key, "msg_a", 1614265330, R"({"a":1})"));
    QCOMPARE(b, referenceSignature(key, "msg_b", 1614265331, QByteArray(500, 'b')));
    QCOMPARE(emptyBody, referenceSignature(key, "msg_a.1614265330."));
}

void tst_SigningKey::messageLayout_data()
{
    // The signed content spelled out by hand: "<id>.<decimal seconds>.<body>".
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<qint64>("timestamp");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("signedContent");
    QTest::newRow("typical") << QByteArrayLiteral("evt_1") << qint64(1780828204) << QByteArrayLiteral("{}")
                             << QByteArrayLiteral("evt_1.1780828204.{}");
    QTest::newRow("zero time") << QByteArrayLiteral("x") << qint64(0) << QByteArrayLiteral("b")
                               << QByteArrayLiteral("x.0.b");
    QTest::newRow("before 1970") << QByteArrayLiteral("x") << qint64(-5) << QByteArrayLiteral("b")
                                 << QByteArrayLiteral("x.-5.b");
    QTest::newRow("past 2038") << QByteArrayLiteral("x") << qint64(4102444800) << QByteArrayLiteral("b")
                               << QByteArrayLiteral("x.4102444800.b");
    QTest::newRow("empty id and body") << QByteArray() << qint64(7) << QByteArray()
                                       << QByteArrayLiteral(".7.");
    QTest::newRow("binary body") << QByteArrayLiteral("id") << qint64(1) << QByteArrayLiteral("\0\xff\x80\n")
                                 << QByteArrayLiteral("id.1.\0\xff\x80\n");
}

void tst_SigningKey::messageLayout()
{
    QFETCH(QByteArray, id);
    QFETCH(qint64, timestamp);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, signedContent);
    const QByteArray key = patternKey(32);
    SigningKey signingKey(key);
    const QByteArray signature = signingKey.sign(id, timestamp, payload);
    QCOMPARE(signature, referenceSignature(key, signedContent));
    // "v1," and the base64 of 32 bytes: 43 characters and one '=' of padding.
    QCOMPARE(signature.size(), 3 + 44);
    QVERIFY(signature.startsWith("v1,"));
    QVERIFY(signature.endsWith('='));
    const auto decoded = QByteArray::fromBase64Encoding(signature.mid(3), QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(decoded);
    QCOMPARE(decoded.decoded.size(), 32);
}

QTEST_GUILESS_MAIN(tst_SigningKey)
#include "tst_signingkey.moc"
