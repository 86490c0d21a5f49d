#include "SigningKey.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stdexcept>

namespace {
EVP_MAC *hmac()
{
    // Fetched once: the lookup through OpenSSL's providers is the expensive part.
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}
} // namespace

SigningKey::SigningKey(const QByteArray &key)
    : m_context(EVP_MAC_CTX_new(hmac()))
{
    static const unsigned char noKey = 0; // a null key would mean "keep the previous one"
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    const auto *bytes = key.isEmpty() ? &noKey : reinterpret_cast<const unsigned char *>(key.constData());
    if (!m_context || EVP_MAC_init(m_context, bytes, size_t(key.size()), params) != 1)
        throw std::runtime_error("OpenSSL could not set up HMAC-SHA256");
}

SigningKey::~SigningKey()
{
    EVP_MAC_CTX_free(m_context);
}

QByteArray SigningKey::sign(const QByteArray &webhookId, qint64 timestamp, const QByteArray &body)
{
    const QByteArray seconds = QByteArray::number(timestamp);
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t length = 0;
    const auto update = [this](const char *data, qsizetype size) {
        EVP_MAC_update(m_context, reinterpret_cast<const unsigned char *>(data), size_t(size));
    };
    // Re-initialising without a key starts a new message with the key already set up.
    if (EVP_MAC_init(m_context, nullptr, 0, nullptr) != 1)
        throw std::runtime_error("OpenSSL could not restart HMAC-SHA256");
    update(webhookId.constData(), webhookId.size());
    update(".", 1);
    update(seconds.constData(), seconds.size());
    update(".", 1);
    update(body.constData(), body.size());
    EVP_MAC_final(m_context, digest, &length, sizeof digest);
    QByteArray signature = QByteArrayLiteral("v1,");
    signature.append(QByteArray::fromRawData(reinterpret_cast<const char *>(digest), qsizetype(length)).toBase64());
    return signature;
}
