#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QHostAddress>
#include <QStringList>

// DNS-rebinding protection for a server on a loopback address: a web page on another name that
// made its name resolve to 127.0.0.1 still sends its own name in Host, so only requests naming
// the listen address, localhost or a configured name (any port) are served. Inactive when the
// server listens on any other address. A request without Host (not a browser) passes.
class HostAllowlist
{
public:
    HostAllowlist(const QHostAddress &listenAddress, const QStringList &extraNames);

    bool isActive() const { return m_active; }
    bool allows(const QByteArray &hostHeader) const;

private:
    static QByteArrayView hostPart(QByteArrayView hostHeader);

    bool m_active;
    QList<QByteArray> m_names; // lower case, IPv6 without brackets
};
