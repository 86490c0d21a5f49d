#include "SigningKey.h"

#include "Sha256.h"

#include <openssl/evp.h>

#include <array>
#include <utility>
#include <stdexcept>

namespace {
constexpr int kBlockSize = 64; // SHA-256's block, and so HMAC's key pad (RFC 2104)

void check(int result)
{
    if (result != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
}
} // namespace

SigningKey::SigningKey(const QByteArray &key)
    : m_inner(EVP_MD_CTX_new())
    , m_outer(EVP_MD_CTX_new())
    , m_work(EVP_MD_CTX_new())
{
    try {
        if (!Sha256::algorithm() || !m_inner || !m_outer || !m_work)
            throw std::runtime_error("OpenSSL could not set up SHA-256");
        // A key longer than a block is hashed first; shorter ones are padded with zeros.
        std::array<unsigned char, kBlockSize> block{};
        if (key.size() > kBlockSize) {
            unsigned int length = 0;
            check(EVP_Digest(key.constData(), size_t(key.size()), block.data(), &length, Sha256::algorithm(), nullptr));
        } else {
            std::copy(key.cbegin(), key.cend(), block.begin());
        }
        std::array<unsigned char, kBlockSize> pad{};
        for (int i = 0; i < kBlockSize; ++i)
            pad[i] = block[i] ^ 0x36;
        check(EVP_DigestInit_ex(m_inner, Sha256::algorithm(), nullptr));
        check(EVP_DigestUpdate(m_inner, pad.data(), pad.size()));
        for (int i = 0; i < kBlockSize; ++i)
            pad[i] = block[i] ^ 0x5c;
        check(EVP_DigestInit_ex(m_outer, Sha256::algorithm(), nullptr));
        check(EVP_DigestUpdate(m_outer, pad.data(), pad.size()));
    } catch (...) {
        release(); // a throwing constructor runs no destructor
        throw;
    }
}

SigningKey::~SigningKey()
{
    release();
}

void SigningKey::release()
{
    EVP_MD_CTX_free(std::exchange(m_work, nullptr));
    EVP_MD_CTX_free(std::exchange(m_outer, nullptr));
    EVP_MD_CTX_free(std::exchange(m_inner, nullptr));
}

QByteArray SigningKey::sign(const QByteArray &webhookId, qint64 timestamp, const QByteArray &body)
{
    const QByteArray seconds = QByteArray::number(timestamp);
    unsigned char inner[EVP_MAX_MD_SIZE];
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    check(EVP_MD_CTX_copy_ex(m_work, m_inner));
    check(EVP_DigestUpdate(m_work, webhookId.constData(), size_t(webhookId.size())));
    check(EVP_DigestUpdate(m_work, ".", 1));
    check(EVP_DigestUpdate(m_work, seconds.constData(), size_t(seconds.size())));
    check(EVP_DigestUpdate(m_work, ".", 1));
    check(EVP_DigestUpdate(m_work, body.constData(), size_t(body.size())));
    check(EVP_DigestFinal_ex(m_work, inner, &length));
    check(EVP_MD_CTX_copy_ex(m_work, m_outer));
    check(EVP_DigestUpdate(m_work, inner, length));
    check(EVP_DigestFinal_ex(m_work, digest, &length));
    QByteArray signature = QByteArrayLiteral("v1,");
    signature.append(QByteArray::fromRawData(reinterpret_cast<const char *>(digest), qsizetype(length)).toBase64());
    return signature;
}
