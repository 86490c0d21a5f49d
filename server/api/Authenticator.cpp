#include "Authenticator.h"

#include "Sha256.h"

#include <openssl/crypto.h>

namespace {
// Comparing fixed-length digests keeps the time independent of where the tokens differ and of
// their lengths. An empty digest (OpenSSL failed) matches nothing, not another empty one.
bool sameDigest(const QByteArray &a, const QByteArray &b)
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
    static const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (authorizationHeader.size() <= scheme.size()
        || authorizationHeader.left(scheme.size()).toLower() != scheme)
        return Role::None;
    const QByteArray token = authorizationHeader.mid(scheme.size()).trimmed();
    if (token.isEmpty())
        return Role::None;
    const QByteArray presented = Sha256::digest(token);
    if (sameDigest(presented, m_adminDigest))
        return Role::Admin;
    if (!m_publishDigest.isEmpty() && sameDigest(presented, m_publishDigest))
        return Role::Publisher;
    return Role::None;
}
