#pragma once

#include <QHostAddress>
#include <QString>
#include <optional>

// Decides whether a delivery may connect to an address. Without --allow-private-network,
// loopback, private, link-local, CGNAT, unique-local, multicast, unspecified and broadcast
// addresses (IPv4, IPv6 and IPv4-mapped IPv6) are refused.
class AddressGuard
{
public:
    explicit AddressGuard(bool allowPrivateNetwork = false) : m_allowPrivateNetwork(allowPrivateNetwork) {}

    // nullopt when allowed; otherwise a readable reason such as
    // "refused to connect to 127.0.0.1: loopback address (start the server with --allow-private-network to allow it)"
    std::optional<QString> refusalReason(const QHostAddress &address) const;

    bool allowsPrivateNetwork() const { return m_allowPrivateNetwork; }

private:
    bool m_allowPrivateNetwork;
};
