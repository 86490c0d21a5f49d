#include "Authenticator.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace {
// Comparing fixed-length digests keeps the time independent of where the tokens differ and of
// their lengths.
QByteArray digest(const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.constData(), static_cast<size_t>(data.size()), out, &length, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(length));
}
} // namespace

Authenticator::Authenticator(QByteArray adminToken, QByteArray publishToken)
    : m_adminToken(std::move(adminToken))
    , m_publishToken(std::move(publishToken))
{
}

bool Authenticator::equalConstantTime(const QByteArray &a, const QByteArray &b)
{
    const QByteArray da = digest(a);
    const QByteArray db = digest(b);
    return CRYPTO_memcmp(da.constData(), db.constData(), static_cast<size_t>(da.size())) == 0;
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
    if (equalConstantTime(token, m_adminToken))
        return Role::Admin;
    if (!m_publishToken.isEmpty() && equalConstantTime(token, m_publishToken))
        return Role::Publisher;
    return Role::None;
}
