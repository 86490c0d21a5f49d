#include "Authenticator.h"

#include "Sha256.h"

#include <openssl/crypto.h>

namespace {
// Constant time for equal lengths. Digests have one length, so comparing them tells nothing of a
// token's length either; of a remembered header only its length can show, and a header of any
// other length goes on to the digest. Empty (OpenSSL failed, nothing remembered) matches nothing.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    return !a.isEmpty() && a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}
} // namespace

Authenticator::Authenticator(QByteArray adminToken, QByteArray publishToken)
    : m_adminDigest(Sha256::digest(adminToken))
    , m_publishDigest(publishToken.isEmpty() ? QByteArray() : Sha256::digest(publishToken))
{
}

Authenticator::Role Authenticator::roleFor(const QByteArray &authorizationHeader) const
{
    // Both are compared, whichever matches, so the time does not tell which role a header has.
    const bool admin = sameBytes(authorizationHeader, m_lastAdminHeader);
    const bool publisher = sameBytes(authorizationHeader, m_lastPublisherHeader);
    if (admin)
        return Role::Admin;
    if (publisher)
        return Role::Publisher;
    const Role role = checkDigest(authorizationHeader);
    if (role == Role::Admin)
        m_lastAdminHeader = authorizationHeader;
    else if (role == Role::Publisher)
        m_lastPublisherHeader = authorizationHeader;
    return role;
}

Authenticator::Role Authenticator::checkDigest(const QByteArray &authorizationHeader) const
{
    static const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (authorizationHeader.size() <= scheme.size()
        || authorizationHeader.left(scheme.size()).toLower() != scheme)
        return Role::None;
    const QByteArray token = authorizationHeader.mid(scheme.size()).trimmed();
    if (token.isEmpty())
        return Role::None;
    const QByteArray presented = Sha256::digest(token);
    if (sameBytes(presented, m_adminDigest))
        return Role::Admin;
    if (!m_publishDigest.isEmpty() && sameBytes(presented, m_publishDigest))
        return Role::Publisher;
    return Role::None;
}
