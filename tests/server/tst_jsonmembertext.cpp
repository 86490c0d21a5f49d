#include "JsonMemberText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Published data is stored and sent as the publisher wrote it; the scanner must find exactly
// that text, or nothing (then the parsed object is written instead).
class tst_JsonMemberText : public QObject
{
    Q_OBJECT
private slots:
    void findsValueAsWritten_data();
    void findsValueAsWritten();
    void leavesUnclearBodiesToTheParser_data();
    void leavesUnclearBodiesToTheParser();
};

void tst_JsonMemberText::findsValueAsWritten_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("data last") << QByteArrayLiteral(R"({"type":"t","data":{"k":1}})") << QByteArrayLiteral(R"({"k":1})");
    QTest::newRow("data first") << QByteArrayLiteral(R"({"data":{"k":1},"type":"t"})") << QByteArrayLiteral(R"({"k":1})");
    QTest::newRow("spaces around") << QByteArrayLiteral(" {\n \"type\" : \"t\" ,\r\n\t\"data\" :\n { \"k\" : [ 1 , 2 ] } \n} ")
                                   << QByteArrayLiteral(R"({ "k" : [ 1 , 2 ] })");
    QTest::newRow("big integer kept") << QByteArrayLiteral(R"({"type":"t","data":{"id":12345678901234567891,"x":1.50}})")
                                      << QByteArrayLiteral(R"({"id":12345678901234567891,"x":1.50})");
    QTest::newRow("braces and quotes inside strings")
        << QByteArrayLiteral(R"({"type":"}{\"data\":1","data":{"s":"} ] \" \\","t":["{"]}})")
        << QByteArrayLiteral(R"({"s":"} ] \" \\","t":["{"]})");
    QTest::newRow("nested member named data") << QByteArrayLiteral(R"({"type":"t","data":{"data":{"data":2}}})")
                                              << QByteArrayLiteral(R"({"data":{"data":2}})");
    QTest::newRow("scalars before") << QByteArrayLiteral(R"({"a":true,"b":null,"c":-1e5,"d":[],"data":{}})")
                                    << QByteArrayLiteral("{}");
    QTest::newRow("a scalar value") << QByteArrayLiteral(R"({"data":42})") << QByteArrayLiteral("42");
    QTest::newRow("every kind of number and literal")
        << QByteArrayLiteral(R"({"data":[0,-0,-0.5e+10,1E2,12.25e-3,true,false,null,[],{}],"type":"t"})")
        << QByteArrayLiteral(R"([0,-0,-0.5e+10,1E2,12.25e-3,true,false,null,[],{}])");
    QTest::newRow("every escape") << QByteArrayLiteral(R"({"data":{"s":"\" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00"}})")
                                  << QByteArrayLiteral(R"({"s":"\" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00"})");
    QTest::newRow("utf-8") << QByteArrayLiteral("{\"data\":{\"cl\xc3\xa9\":\"\xf0\x9f\x98\x80\"}}")
                           << QByteArrayLiteral("{\"cl\xc3\xa9\":\"\xf0\x9f\x98\x80\"}");
}

void tst_JsonMemberText::findsValueAsWritten()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    QVERIFY(!QJsonDocument::fromJson(body).isNull()); // the scanner only sees bodies that parsed
    const auto found = JsonMemberText::find(body, "data");
    QVERIFY(found);
    QCOMPARE(found->toByteArray(), expected);
}

void tst_JsonMemberText::leavesUnclearBodiesToTheParser_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("no data") << QByteArrayLiteral(R"({"type":"t"})");
    QTest::newRow("empty object") << QByteArrayLiteral("{}");
    // Which of two it takes is the parser's business; the stored text must match what was validated.
    QTest::newRow("data twice") << QByteArrayLiteral(R"({"data":{"a":1},"data":{"b":2}})");
    QTest::newRow("name spelled with an escape") << QByteArrayLiteral(R"({"d\u0061ta":{"a":1}})");
    QTest::newRow("escape in another name") << QByteArrayLiteral(R"({"ty\npe":"t","data":{"a":1}})");
    QTest::newRow("raw tab in a string of data") << QByteArray("{\"data\":{\"a\":\"x\ty\"}}");
    QTest::newRow("raw newline in another member") << QByteArray("{\"type\":\"a\nb\",\"data\":{}}");
    // Qt accepts these; receivers with a strict parser would not.
    QTest::newRow("number 1.") << QByteArrayLiteral(R"({"data":{"a":[1.]}})");
    QTest::newRow("number .5") << QByteArrayLiteral(R"({"data":{"a":{"b":.5}}})");
    QTest::newRow("unknown escape") << QByteArrayLiteral(R"({"data":{"a":"\x"}})");
    QTest::newRow("short unicode escape") << QByteArrayLiteral(R"({"data":{"a":"\u00e"}})");
    QTest::newRow("an array") << QByteArrayLiteral(R"([{"data":{}}])");
    QTest::newRow("truncated") << QByteArrayLiteral(R"({"data":{"a":"})");
    QTest::newRow("unterminated name") << QByteArrayLiteral(R"({"data)");
    QTest::newRow("no colon") << QByteArrayLiteral(R"({"data" {}})");
    QTest::newRow("nothing") << QByteArray();
}

void tst_JsonMemberText::leavesUnclearBodiesToTheParser()
{
    QFETCH(QByteArray, body);
    QCOMPARE(JsonMemberText::find(body, "data"), std::nullopt);
}

QTEST_GUILESS_MAIN(tst_JsonMemberText)
#include "tst_jsonmembertext.moc"
