#include "AddressGuard.h"

#include <QTest>

class tst_AddressGuard : public QObject
{
    Q_OBJECT

private slots:
    void refusesNonPublicAddresses_data();
    void refusesNonPublicAddresses();
    void allowsPublicAddresses_data();
    void allowsPublicAddresses();
    void allowAllModeAllowsEverything_data();
    void allowAllModeAllowsEverything();
    void reasonMatchesDocumentedFormat();
    void refusesAddressesThatAreNotIp();
};

namespace {

void addRefusedRows()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("category");

    struct Row
    {
        const char *name;
        const char *address;
        const char *category;
    };
    // clang-format off
    const Row rows[] = {
        {"ipv4 loopback", "127.0.0.1", "loopback"},
        {"ipv4 loopback end of /8", "127.255.255.254", "loopback"},
        {"ipv4 unspecified", "0.0.0.0", "unspecified"},
        {"ipv4 this-network", "0.1.2.3", "unspecified"},
        {"10/8 start", "10.0.0.1", "private network"},
        {"10/8 end", "10.255.255.255", "private network"},
        {"172.16/12 start", "172.16.0.1", "private network"},
        {"172.16/12 end", "172.31.255.255", "private network"},
        {"192.168/16", "192.168.1.10", "private network"},
        {"link-local", "169.254.169.254", "link-local"},
        {"cgnat start", "100.64.0.1", "carrier-grade NAT"},
        {"cgnat end", "100.127.255.255", "carrier-grade NAT"},
        {"ietf 192.0.0/24", "192.0.0.170", "IETF protocol assignment"},
        {"multicast start", "224.0.0.1", "multicast"},
        {"multicast end", "239.255.255.255", "multicast"},
        {"reserved 240/4", "240.0.0.1", "reserved"},
        {"reserved high", "254.1.2.3", "reserved"},
        {"broadcast", "255.255.255.255", "broadcast"},
        {"ipv6 loopback", "::1", "loopback"},
        {"ipv6 unspecified", "::", "unspecified"},
        {"unique-local fc", "fc00::1", "unique-local"},
        {"unique-local fd", "fd12:3456:789a::1", "unique-local"},
        {"ipv6 link-local", "fe80::1", "link-local"},
        {"ipv6 link-local end", "febf:ffff::1", "link-local"},
        {"ipv6 multicast", "ff02::1", "multicast"},
        {"ipv6 multicast global", "ff0e::101", "multicast"},
        {"mapped loopback", "::ffff:127.0.0.1", "loopback address (IPv4-mapped)"},
        {"mapped private", "::ffff:10.1.2.3", "private network address (IPv4-mapped)"},
        {"mapped metadata", "::ffff:169.254.169.254", "link-local address (IPv4-mapped)"},
        {"mapped unspecified", "::ffff:0.0.0.0", "unspecified"},
        {"compatible loopback", "::127.0.0.1", "loopback address (IPv4-compatible)"},
        {"compatible private", "::192.168.0.1", "private network address (IPv4-compatible)"},
        {"nat64 loopback", "64:ff9b::127.0.0.1", "loopback address (NAT64)"},
        {"nat64 private", "64:ff9b::a00:1", "private network address (NAT64)"},
    };
    // clang-format on
    for (const Row &row : rows) {
        QTest::newRow(row.name) << QString::fromLatin1(row.address) << QString::fromLatin1(row.category);
    }
}

void addPublicRows()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("example.com v4") << QStringLiteral("93.184.216.34");
    QTest::newRow("quad9") << QStringLiteral("9.9.9.9");
    QTest::newRow("just below 10/8") << QStringLiteral("9.255.255.255");
    QTest::newRow("just above 10/8") << QStringLiteral("11.0.0.0");
    QTest::newRow("just below 172.16/12") << QStringLiteral("172.15.255.255");
    QTest::newRow("just above 172.16/12") << QStringLiteral("172.32.0.0");
    QTest::newRow("just below cgnat") << QStringLiteral("100.63.255.255");
    QTest::newRow("just above cgnat") << QStringLiteral("100.128.0.0");
    QTest::newRow("next to 192.0.0/24") << QStringLiteral("192.0.1.1");
    QTest::newRow("next to 192.168/16") << QStringLiteral("192.169.0.1");
    QTest::newRow("just below multicast") << QStringLiteral("223.255.255.255");
    QTest::newRow("example.com v6") << QStringLiteral("2606:2800:220:1::1");
    QTest::newRow("google dns v6") << QStringLiteral("2001:4860:4860::8888");
    QTest::newRow("mapped public") << QStringLiteral("::ffff:93.184.216.34");
    QTest::newRow("nat64 public") << QStringLiteral("64:ff9b::5db8:d822");
    QTest::newRow("just below fc00::/7") << QStringLiteral("fbff:ffff::1");
}

} // namespace

void tst_AddressGuard::refusesNonPublicAddresses_data()
{
    addRefusedRows();
}

void tst_AddressGuard::refusesNonPublicAddresses()
{
    QFETCH(QString, address);
    QFETCH(QString, category);
    const QHostAddress host(address);
    QVERIFY2(!host.isNull(), qPrintable(address));

    const std::optional<QString> reason = AddressGuard(false).refusalReason(host);

    QVERIFY2(reason.has_value(), qPrintable(address));
    QVERIFY2(reason->contains(category), qPrintable(*reason));
    QVERIFY2(reason->contains(host.toString()), qPrintable(*reason));
    QVERIFY2(reason->contains(QLatin1String("--allow-private-network")), qPrintable(*reason));
}

void tst_AddressGuard::allowsPublicAddresses_data()
{
    addPublicRows();
}

void tst_AddressGuard::allowsPublicAddresses()
{
    QFETCH(QString, address);
    const QHostAddress host(address);
    QVERIFY2(!host.isNull(), qPrintable(address));

    const std::optional<QString> reason = AddressGuard(false).refusalReason(host);

    QVERIFY2(!reason.has_value(), qPrintable(reason.value_or(QString())));
}

void tst_AddressGuard::allowAllModeAllowsEverything_data()
{
    addRefusedRows();
}

void tst_AddressGuard::allowAllModeAllowsEverything()
{
    QFETCH(QString, address);
    const AddressGuard guard(true);

    QVERIFY(guard.allowsPrivateNetwork());
    QVERIFY(!guard.refusalReason(QHostAddress(address)).has_value());
}

void tst_AddressGuard::reasonMatchesDocumentedFormat()
{
    const std::optional<QString> reason = AddressGuard().refusalReason(QHostAddress(QStringLiteral("127.0.0.1")));

    QCOMPARE(reason.value_or(QString()),
             QStringLiteral("refused to connect to 127.0.0.1: loopback address "
                            "(start the server with --allow-private-network to allow it)"));
    QVERIFY(!AddressGuard().allowsPrivateNetwork());
}

void tst_AddressGuard::refusesAddressesThatAreNotIp()
{
    QVERIFY(AddressGuard(false).refusalReason(QHostAddress()).has_value());
    QVERIFY(AddressGuard(false).refusalReason(QHostAddress(QHostAddress::Any)).has_value());
    QVERIFY(!AddressGuard(true).refusalReason(QHostAddress()).has_value());
}

QTEST_GUILESS_MAIN(tst_AddressGuard)
#include "tst_addressguard.moc"
