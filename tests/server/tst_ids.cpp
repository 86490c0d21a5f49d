#include "Ids.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTest>

#include <functional>

namespace {
// The alphabet the ids promise, in ASCII order (which is what makes fixed-width text sort).
const QString kAlphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
constexpr int kPrefixLength = 4;
constexpr int kTimeDigits = 8;
constexpr int kRandomDigits = 14;

using IdFactory = std::function<QString()>;

// Independent decoder: if the time digits were written in another base, order or width, the
// decoded value would not land near the clock.
qint64 decodeTime(const QString &id)
{
    qint64 value = 0;
    for (const QChar c : id.mid(kPrefixLength, kTimeDigits))
        value = value * 62 + kAlphabet.indexOf(c);
    return value;
}

QString randomPart(const QString &id)
{
    return id.mid(kPrefixLength + kTimeDigits);
}
} // namespace

Q_DECLARE_METATYPE(IdFactory)

class tst_Ids : public QObject
{
    Q_OBJECT
private slots:
    void format_data();
    void format();
    void laterIdsSortAfter_data();
    void laterIdsSortAfter();
    void eventIdsForPastTimes_data();
    void eventIdsForPastTimes();
    void manyIdsAreDistinct();
    void randomPartCoversAlphabet();
    void endpointSecret();
    void adminToken();
};

void tst_Ids::format_data()
{
    QTest::addColumn<IdFactory>("make");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("endpoint") << IdFactory(&Ids::endpointId) << QStringLiteral("whe_");
    QTest::newRow("delivery") << IdFactory(&Ids::deliveryId) << QStringLiteral("del_");
    QTest::newRow("event") << IdFactory(&Ids::eventId) << QStringLiteral("evt_");
    QTest::newRow("attempt") << IdFactory(&Ids::attemptId) << QStringLiteral("att_");
}

void tst_Ids::format()
{
    QFETCH(IdFactory, make);
    QFETCH(QString, prefix);
    // Several per kind: one id could pass by luck if, say, only some bytes were filtered.
    for (int n = 0; n < 1000; ++n) {
        const QString id = make();
        QVERIFY2(id.startsWith(prefix), qPrintable(id));
        QCOMPARE(id.size(), kPrefixLength + kTimeDigits + kRandomDigits);
        for (const QChar c : id.mid(kPrefixLength))
            QVERIFY2(kAlphabet.contains(c), qPrintable(id));
    }
}

void tst_Ids::laterIdsSortAfter_data()
{
    format_data();
}

void tst_Ids::laterIdsSortAfter()
{
    QFETCH(IdFactory, make);
    QString previous;
    for (int n = 0; n < 20; ++n) {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QString id = make();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        const qint64 stamped = decodeTime(id);
        QVERIFY2(stamped >= before - 1000 && stamped <= after + 1000,
                 qPrintable(QStringLiteral("%1 decodes to %2, clock %3").arg(id).arg(stamped).arg(before)));
        if (!previous.isEmpty()) {
            // Plain string comparison, as an SQLite index on the id column would order them.
            QVERIFY2(previous < id, qPrintable(previous + QStringLiteral(" !< ") + id));
            QVERIFY(decodeTime(previous) < stamped);
        }
        previous = id;
        // A few ms apart, so the time digits differ and the random part cannot decide the order.
        QTest::qSleep(3);
    }
}

void tst_Ids::eventIdsForPastTimes_data()
{
    QTest::addColumn<qint64>("atMs");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QTest::newRow("40 days ago") << now - 40LL * 24 * 3600 * 1000;
    QTest::newRow("one ms after a digit rolls over") << qint64(62) * 62 * 62 * 62 * 62 * 62 * 30 + 1;
    QTest::newRow("now") << now;
}

// Retention deletes events by id range (DeliveryStore::prune): an event created at t must sort
// at or above eventIdFloor(t) and below the floor of any later millisecond.
void tst_Ids::eventIdsForPastTimes()
{
    QFETCH(qint64, atMs);
    const QString floor = Ids::eventIdFloor(atMs);
    QCOMPARE(decodeTime(floor), atMs);
    QCOMPARE(floor.size(), kPrefixLength + kTimeDigits + kRandomDigits);
    for (int n = 0; n < 200; ++n) {
        const QString id = Ids::eventIdAt(atMs);
        QVERIFY2(id.startsWith(QLatin1String("evt_")), qPrintable(id));
        QCOMPARE(decodeTime(id), atMs);
        QVERIFY2(floor <= id, qPrintable(floor + QStringLiteral(" > ") + id));
        QVERIFY2(id < Ids::eventIdFloor(atMs + 1), qPrintable(id));
        QVERIFY2(Ids::eventIdAt(atMs - 1) < floor, qPrintable(floor));
    }
}

void tst_Ids::manyIdsAreDistinct()
{
    // The ids created in one millisecond share their time digits: only the random part keeps
    // them apart, and a burst like this puts hundreds into each millisecond.
    constexpr int kCount = 100000;
    QSet<QString> seen;
    seen.reserve(kCount);
    for (int n = 0; n < kCount; ++n)
        seen.insert(Ids::deliveryId());
    QCOMPARE(seen.size(), kCount);
}

void tst_Ids::randomPartCoversAlphabet()
{
    constexpr int kCount = 20000;
    QList<QHash<QChar, int>> perPosition(kRandomDigits);
    QHash<QChar, int> overall;
    for (int n = 0; n < kCount; ++n) {
        const QString random = randomPart(Ids::eventId());
        QCOMPARE(random.size(), kRandomDigits);
        for (int i = 0; i < kRandomDigits; ++i) {
            ++perPosition[i][random.at(i)];
            ++overall[random.at(i)];
        }
    }
    // A position that were constant, or drawn from a few characters, misses most of the
    // alphabet; with 20000 draws a uniform position misses a character with odds of e^-325.
    for (int i = 0; i < kRandomDigits; ++i)
        QVERIFY2(perPosition[i].size() == 62,
                 qPrintable(QStringLiteral("position %1 used %2 characters").arg(i).arg(perPosition[i].size())));
    // 280000 characters, about 4516 of each (sigma ~67). A 10% band is ~6.7 sigma wide, so a
    // fair source never leaves it, while plain byte % 62 without rejection would give '0'..'7'
    // 21% more than their share and fail.
    const double expected = double(kCount) * kRandomDigits / 62;
    for (const QChar c : kAlphabet) {
        const int count = overall.value(c);
        QVERIFY2(count > expected * 0.9 && count < expected * 1.1,
                 qPrintable(QStringLiteral("'%1' appeared %2 times, expected about %3").arg(c).arg(count).arg(expected)));
    }
}

void tst_Ids::endpointSecret()
{
    QSet<QString> seen;
    for (int n = 0; n < 1000; ++n) {
        const QString secret = Ids::endpointSecret();
        QVERIFY2(secret.startsWith(QLatin1String("whs_")), qPrintable(secret));
        const auto decoded = QByteArray::fromBase64Encoding(secret.mid(4).toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY2(decoded, qPrintable(secret));
        QCOMPARE(decoded.decoded.size(), 24);
        seen.insert(secret);
    }
    QCOMPARE(seen.size(), 1000);
}

void tst_Ids::adminToken()
{
    QSet<QString> seen;
    for (int n = 0; n < 1000; ++n) {
        const QString token = Ids::adminToken();
        // URL-safe: it may travel in a query string or a shell command unquoted.
        for (const QChar c : token)
            QVERIFY2(kAlphabet.contains(c) || c == QLatin1Char('-') || c == QLatin1Char('_'), qPrintable(token));
        const auto decoded = QByteArray::fromBase64Encoding(
            token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY2(decoded, qPrintable(token));
        QCOMPARE(decoded.decoded.size(), 32); // 256 bits, as documented
        seen.insert(token);
    }
    QCOMPARE(seen.size(), 1000);
}

QTEST_GUILESS_MAIN(tst_Ids)
#include "tst_ids.moc"
