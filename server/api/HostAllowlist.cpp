#include "HostAllowlist.h"

#include <algorithm>

HostAllowlist::HostAllowlist(const QHostAddress &listenAddress, const QStringList &extraNames)
    : m_active(listenAddress.isLoopback())
{
    m_names << listenAddress.toString().toLower().toUtf8() << QByteArrayLiteral("localhost");
    for (const QString &name : extraNames)
        m_names << name.trimmed().toLower().toUtf8();
}

// Works on views of the header: this runs for every request, and copying it to a lower-case
// QString cost as much as routing it.
QByteArrayView HostAllowlist::hostPart(QByteArrayView hostHeader)
{
    QByteArrayView host = hostHeader.trimmed();
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        return close < 0 ? QByteArrayView() : host.sliced(1, close - 1);
    }
    const qsizetype colon = host.indexOf(':');
    if (colon >= 0)
        host.truncate(colon);
    if (host.endsWith('.'))
        host.chop(1); // "localhost." is localhost
    return host;
}

bool HostAllowlist::allows(const QByteArray &hostHeader) const
{
    if (!m_active || hostHeader.isEmpty())
        return true;
    const QByteArrayView host = hostPart(hostHeader);
    return !host.isEmpty() && std::any_of(m_names.cbegin(), m_names.cend(), [host](const QByteArray &name) {
        return name.compare(host, Qt::CaseInsensitive) == 0;
    });
}
