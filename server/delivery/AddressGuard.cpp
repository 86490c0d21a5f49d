#include "AddressGuard.h"

#include <array>

namespace {

struct Ipv4Range
{
    quint32 base;
    int prefixLength;
    const char *category;
};

constexpr quint32 ipv4(quint32 a, quint32 b, quint32 c, quint32 d)
{
    return a << 24 | b << 16 | c << 8 | d;
}

// The broadcast address lies inside 240/4 and comes first so that it is named as what it is.
constexpr std::array<Ipv4Range, 11> kRefusedIpv4{{
    {ipv4(255, 255, 255, 255), 32, "broadcast address"},
    {ipv4(0, 0, 0, 0), 8, "unspecified (\"this network\") address"},
    {ipv4(127, 0, 0, 0), 8, "loopback address"},
    {ipv4(10, 0, 0, 0), 8, "private network address"},
    {ipv4(172, 16, 0, 0), 12, "private network address"},
    {ipv4(192, 168, 0, 0), 16, "private network address"},
    {ipv4(169, 254, 0, 0), 16, "link-local address"},
    {ipv4(100, 64, 0, 0), 10, "carrier-grade NAT (shared) address"},
    {ipv4(192, 0, 0, 0), 24, "IETF protocol assignment address"},
    {ipv4(224, 0, 0, 0), 4, "multicast address"},
    {ipv4(240, 0, 0, 0), 4, "reserved address"},
}};

std::optional<QString> ipv4Category(quint32 address)
{
    for (const Ipv4Range &range : kRefusedIpv4) {
        const quint32 mask = ~quint32(0) << (32 - range.prefixLength);
        if ((address & mask) == range.base)
            return QString::fromLatin1(range.category);
    }
    return std::nullopt;
}

bool bytesAreZero(const Q_IPV6ADDR &address, int from, int to)
{
    for (int i = from; i < to; ++i) {
        if (address[i] != 0)
            return false;
    }
    return true;
}

quint32 lowIpv4(const Q_IPV6ADDR &address)
{
    return ipv4(address[12], address[13], address[14], address[15]);
}

// Addresses that carry an IPv4 address end up talking IPv4 to it, so the IPv4 part decides.
std::optional<QString> embeddedIpv4Category(const Q_IPV6ADDR &address)
{
    const quint32 embedded = lowIpv4(address);
    auto judged = [embedded](const QString &form) -> std::optional<QString> {
        if (const auto category = ipv4Category(embedded))
            return *category + QStringLiteral(" (") + form + QLatin1Char(')');
        return std::nullopt;
    };
    if (bytesAreZero(address, 0, 10) && address[10] == 0xff && address[11] == 0xff)
        return judged(QStringLiteral("IPv4-mapped"));
    if (bytesAreZero(address, 0, 12))
        return judged(QStringLiteral("IPv4-compatible"));
    const bool nat64 = address[0] == 0x00 && address[1] == 0x64 && address[2] == 0xff
                       && address[3] == 0x9b && bytesAreZero(address, 4, 12);
    if (nat64)
        return judged(QStringLiteral("NAT64"));
    return std::nullopt;
}

std::optional<QString> ipv6Category(const Q_IPV6ADDR &address)
{
    if (bytesAreZero(address, 0, 12)) {
        const quint32 low = lowIpv4(address);
        if (low == 0)
            return QStringLiteral("unspecified address");
        if (low == 1)
            return QStringLiteral("loopback address");
    }
    if (const auto embedded = embeddedIpv4Category(address))
        return embedded;
    if ((address[0] & 0xfe) == 0xfc)
        return QStringLiteral("unique-local address");
    if (address[0] == 0xfe && (address[1] & 0xc0) == 0x80)
        return QStringLiteral("link-local address");
    if (address[0] == 0xfe && (address[1] & 0xc0) == 0xc0)
        return QStringLiteral("site-local address");
    if (address[0] == 0xff)
        return QStringLiteral("multicast address");
    return std::nullopt;
}

std::optional<QString> category(const QHostAddress &address)
{
    switch (address.protocol()) {
    case QAbstractSocket::IPv4Protocol:
        return ipv4Category(address.toIPv4Address());
    case QAbstractSocket::IPv6Protocol:
        return ipv6Category(address.toIPv6Address());
    case QAbstractSocket::AnyIPProtocol:
        return QStringLiteral("unspecified address");
    default:
        return QStringLiteral("not an IP address");
    }
}

} // namespace

std::optional<QString> AddressGuard::refusalReason(const QHostAddress &address) const
{
    if (m_allowPrivateNetwork)
        return std::nullopt;
    const std::optional<QString> refused = category(address);
    if (!refused)
        return std::nullopt;
    return QStringLiteral("refused to connect to %1: %2 (start the server with "
                          "--allow-private-network to allow it)")
        .arg(address.toString(), *refused);
}
