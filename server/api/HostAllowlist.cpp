#include "HostAllowlist.h"

HostAllowlist::HostAllowlist(const QHostAddress &listenAddress, const QStringList &extraNames)
    : m_active(listenAddress.isLoopback())
{
    m_names << listenAddress.toString().toLower() << QStringLiteral("localhost");
    for (const QString &name : extraNames)
        m_names << name.trimmed().toLower();
}

QString HostAllowlist::hostPart(const QByteArray &hostHeader)
{
    QString host = QString::fromLatin1(hostHeader.trimmed()).toLower();
    if (host.startsWith(QLatin1Char('['))) {
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        return close < 0 ? QString() : host.mid(1, close - 1);
    }
    const qsizetype colon = host.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        host.truncate(colon);
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1); // "localhost." is localhost
    return host;
}

bool HostAllowlist::allows(const QByteArray &hostHeader) const
{
    if (!m_active || hostHeader.isEmpty())
        return true;
    const QString host = hostPart(hostHeader);
    return !host.isEmpty() && m_names.contains(host);
}
