#include "Event.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class tst_Event : public QObject
{
    Q_OBJECT
private slots:
    void payload_data();
    void payload();
    void testFlag_data();
    void testFlag();
    void escaping_data();
    void escaping();
    void dataEmbeddedAsWritten_data();
    void dataEmbeddedAsWritten();
};

namespace {
const QByteArray kSampleDataJson = QByteArrayLiteral(R"({"score":9,"survey_id":"srv_42"})");
} // namespace

void tst_Event::payload_data()
{
    // Receivers verify the signature over these bytes, so they are spelled out by hand: a
    // reordered key, a space or a millisecond field would break every receiver's parser or check.
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("type");
    QTest::addColumn<qint64>("createdAtMs");
    QTest::addColumn<bool>("test");
    QTest::addColumn<QByteArray>("expected");
    const QString id = QStringLiteral("evt_0bE3xK2m7Qp9rT4uV6wY8z");
    const QString type = QStringLiteral("survey.response.created");
    QTest::newRow("sample, millis dropped")
        << id << type << qint64(1780828204567) << false
        << QByteArrayLiteral(R"({"id":"evt_0bE3xK2m7Qp9rT4uV6wY8z","type":"survey.response.created",)"
                             R"("created_at":"2026-06-07T10:30:04Z","data":{"score":9,"survey_id":"srv_42"}})");
    QTest::newRow("test event")
        << id << type << qint64(1780828204000) << true
        << QByteArrayLiteral(R"({"id":"evt_0bE3xK2m7Qp9rT4uV6wY8z","type":"survey.response.created",)"
                             R"("created_at":"2026-06-07T10:30:04Z","data":{"score":9,"survey_id":"srv_42"},"test":true})");
    QTest::newRow("leap day")
        << id << type << qint64(1709208000000) << false
        << QByteArrayLiteral(R"({"id":"evt_0bE3xK2m7Qp9rT4uV6wY8z","type":"survey.response.created",)"
                             R"("created_at":"2024-02-29T12:00:00Z","data":{"score":9,"survey_id":"srv_42"}})");
    QTest::newRow("century leap day, last ms")
        << id << type << qint64(951868799999) << false
        << QByteArrayLiteral(R"({"id":"evt_0bE3xK2m7Qp9rT4uV6wY8z","type":"survey.response.created",)"
                             R"("created_at":"2000-02-29T23:59:59Z","data":{"score":9,"survey_id":"srv_42"}})");
    // Before 1970 the milliseconds must round towards the past, not towards zero.
    QTest::newRow("before epoch")
        << id << type << qint64(-14182940001) << false
        << QByteArrayLiteral(R"({"id":"evt_0bE3xK2m7Qp9rT4uV6wY8z","type":"survey.response.created",)"
                             R"("created_at":"1969-07-20T20:17:39Z","data":{"score":9,"survey_id":"srv_42"}})");
    QTest::newRow("epoch")
        << QStringLiteral("evt_1") << QStringLiteral("t") << qint64(0) << true
        << QByteArrayLiteral(R"({"id":"evt_1","type":"t","created_at":"1970-01-01T00:00:00Z",)"
                             R"("data":{"score":9,"survey_id":"srv_42"},"test":true})");
}

void tst_Event::payload()
{
    QFETCH(QString, id);
    QFETCH(QString, type);
    QFETCH(qint64, createdAtMs);
    QFETCH(bool, test);
    QFETCH(QByteArray, expected);
    Event event;
    event.id = id;
    event.type = type;
    event.data = kSampleDataJson;
    event.createdAtMs = createdAtMs;
    event.test = test;
    QCOMPARE(event.payload(), expected);
    // The sender rebuilds payloads from stored columns: both paths must give the same bytes,
    // or a retried delivery would carry a different body (and signature) than the first.
    QCOMPARE(Event::payloadOf(id.toUtf8(), type.toUtf8(), createdAtMs, kSampleDataJson, test), expected);
}

void tst_Event::testFlag_data()
{
    QTest::addColumn<bool>("test");
    QTest::newRow("real event") << false;
    QTest::newRow("test event") << true;
}

void tst_Event::testFlag()
{
    QFETCH(bool, test);
    const QByteArray payload = Event::payloadOf("evt_1", "ping", 1780828204000, "{}", test);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(payload, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    // Receivers tell test pings from real events by this key alone; false is never written.
    QCOMPARE(object.contains(QStringLiteral("test")), test);
    if (test)
        QCOMPARE(object.value(QStringLiteral("test")), QJsonValue(true));
    QCOMPARE(object.size(), test ? 5 : 4);
}

void tst_Event::escaping_data()
{
    // Ids and types are ASCII in practice, but payloadOf takes whatever a stored row holds; a
    // raw quote or control byte would make the body unparseable for every receiver.
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("plain") << QByteArrayLiteral("evt_abc") << QByteArrayLiteral("feedback.ticket.closed");
    QTest::newRow("quote") << QByteArrayLiteral("evt_\"x\"") << QByteArrayLiteral("a\"b");
    QTest::newRow("backslash") << QByteArrayLiteral("evt_\\") << QByteArrayLiteral("\\\\n");
    QTest::newRow("quote after backslash") << QByteArrayLiteral("\\\"") << QByteArrayLiteral("x\\\"}");
    QTest::newRow("newline, tab, cr") << QByteArrayLiteral("evt_\n") << QByteArrayLiteral("a\tb\rc");
    QTest::newRow("low controls") << QByteArrayLiteral("\x01\x02\x1f") << QByteArrayLiteral("\x08\x0c\x1b");
    QTest::newRow("nul") << QByteArrayLiteral("a\0b") << QByteArrayLiteral("\0");
    QTest::newRow("del and utf-8") << QByteArrayLiteral("evt_\x7f") << QByteArrayLiteral("r\xc3\xa9ponse.\xe2\x82\xac");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("injection") << QByteArrayLiteral("x\",\"test\":true,\"y\":\"")
                               << QByteArrayLiteral("t\",\"data\":{}}");
}

void tst_Event::escaping()
{
    QFETCH(QByteArray, id);
    QFETCH(QByteArray, type);
    const QByteArray data = QByteArrayLiteral(R"({"k":[1,"v"]})");
    const QByteArray payload = Event::payloadOf(id, type, 1780828204000, data, false);
    // Qt's parser is lenient about raw control bytes in strings; RFC 8259 is not.
    for (const char c : payload)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20, payload.toHex().constData());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + QLatin1Char(' ')
                                                                 + QString::fromUtf8(payload)));
    const QJsonObject object = document.object();
    QCOMPARE(object.value(QStringLiteral("id")).toString(), QString::fromUtf8(id));
    QCOMPARE(object.value(QStringLiteral("type")).toString(), QString::fromUtf8(type));
    QCOMPARE(object.value(QStringLiteral("created_at")).toString(), QStringLiteral("2026-06-07T10:30:04Z"));
    QCOMPARE(object.value(QStringLiteral("data")).toObject(), QJsonDocument::fromJson(data).object());
    QVERIFY(!object.contains(QStringLiteral("test")));
    QCOMPARE(object.size(), 4);

    // The Event path goes through QString first; it must land on the same bytes.
    Event event;
    event.id = QString::fromUtf8(id);
    event.type = QString::fromUtf8(type);
    event.data = data;
    event.createdAtMs = 1780828204000;
    QCOMPARE(event.payload(), payload);
}

void tst_Event::dataEmbeddedAsWritten_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArrayLiteral("{}");
    QTest::newRow("nested") << QByteArrayLiteral(R"({"b":[1,2,{"c":[]}],"a":{"x":null,"y":{}}})");
    // A parse into doubles would turn this into 12345678901234567000 and change what is signed.
    QTest::newRow("integer beyond 2^53") << QByteArrayLiteral(R"({"order_id":12345678901234567891,"ratio":1.50})");
    QTest::newRow("as a publisher formats it") << QByteArrayLiteral("{\n  \"score\" : 9,\n\t\"tags\": [ \"a\" ]\n}");
    QTest::newRow("unicode") << QByteArrayLiteral("{\"cl\xc3\xa9\":[\"\xe6\x97\xa5\"],\"c\":\"\\u00e9 \xf0\x9f\x98\x80\"}");
    QTest::newRow("escapes in data") << QByteArrayLiteral(R"({"text":"say \"hi\"\\\nbye }"})");
}

void tst_Event::dataEmbeddedAsWritten()
{
    QFETCH(QByteArray, data);
    Event event;
    event.id = QStringLiteral("evt_1");
    event.type = QStringLiteral("t");
    event.data = data;
    event.createdAtMs = 1780828204000;
    const QByteArray expected = QByteArrayLiteral(R"({"id":"evt_1","type":"t","created_at":"2026-06-07T10:30:04Z","data":)")
                                + data + '}';
    QCOMPARE(event.payload(), expected);
    QCOMPARE(Event::payloadOf("evt_1", "t", 1780828204000, data, false), expected);
    QJsonParseError error;
    const QJsonObject payload = QJsonDocument::fromJson(event.payload(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(payload.value(QStringLiteral("data")).toObject(), QJsonDocument::fromJson(data).object());
}

QTEST_GUILESS_MAIN(tst_Event)
#include "tst_event.moc"
