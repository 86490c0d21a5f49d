#include "SecretCipher.h"

#include "Ids.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace {

constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;
const QLatin1String kPrefix("enc1:");

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext newContext()
{
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context)
        throw std::runtime_error("OpenSSL EVP_CIPHER_CTX_new failed");
    return context;
}

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

} // namespace

SecretCipher::SecretCipher(const QByteArray &key)
    : m_key(key)
{
    if (m_key.size() != kKeyBytes)
        throw std::invalid_argument("SecretCipher needs a 32-byte key");
}

SecretCipher::~SecretCipher()
{
    OPENSSL_cleanse(m_key.data(), static_cast<size_t>(m_key.size()));
}

bool SecretCipher::isSealed(const QString &stored)
{
    return stored.startsWith(kPrefix);
}

QString SecretCipher::seal(const QString &plaintext, const QString &context) const
{
    const QByteArray nonce = Ids::randomBytes(kNonceBytes);
    const QByteArray aad = context.toUtf8();
    QByteArray clear = plaintext.toUtf8();
    QByteArray sealed(kNonceBytes + clear.size() + kTagBytes, Qt::Uninitialized);
    std::copy(nonce.cbegin(), nonce.cend(), sealed.begin());

    CipherContext ctx = newContext();
    int length = 0;
    int total = 0;
    const bool ok = EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(nonce)) == 1
        && EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(aad), static_cast<int>(aad.size())) == 1
        && EVP_EncryptUpdate(ctx.get(), bytes(sealed) + kNonceBytes, &length, bytes(clear),
                             static_cast<int>(clear.size())) == 1
        && (total = length, EVP_EncryptFinal_ex(ctx.get(), bytes(sealed) + kNonceBytes + total, &length) == 1)
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                               bytes(sealed) + kNonceBytes + total + length) == 1;
    OPENSSL_cleanse(clear.data(), static_cast<size_t>(clear.size()));
    if (!ok)
        throw std::runtime_error("OpenSSL AES-256-GCM encryption failed");
    return kPrefix + QString::fromLatin1(sealed.toBase64());
}

std::optional<QString> SecretCipher::open(const QString &sealed, const QString &context) const
{
    if (!isSealed(sealed))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(sealed.mid(kPrefix.size()).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < kNonceBytes + kTagBytes)
        return std::nullopt;
    const QByteArray data = decoded.decoded;
    const QByteArray aad = context.toUtf8();
    const qsizetype cipherLength = data.size() - kNonceBytes - kTagBytes;
    QByteArray tag = data.right(kTagBytes);
    QByteArray clear(cipherLength, Qt::Uninitialized);

    CipherContext ctx = newContext();
    int length = 0;
    const bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(data)) == 1
        && EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(aad), static_cast<int>(aad.size())) == 1
        && EVP_DecryptUpdate(ctx.get(), bytes(clear), &length, bytes(data) + kNonceBytes,
                             static_cast<int>(cipherLength)) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1
        // Final verifies the tag: a wrong key, context or a flipped bit fails here.
        && EVP_DecryptFinal_ex(ctx.get(), bytes(clear) + length, &length) == 1;
    if (!ok) {
        OPENSSL_cleanse(clear.data(), static_cast<size_t>(clear.size()));
        return std::nullopt;
    }
    const QString result = QString::fromUtf8(clear);
    OPENSSL_cleanse(clear.data(), static_cast<size_t>(clear.size()));
    return result;
}
