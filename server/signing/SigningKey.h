#pragma once

#include <QByteArray>

struct evp_md_ctx_st;

// One endpoint's HMAC-SHA256 key, prepared once for signing many messages: the hash states
// after the inner and outer key pads are kept, so a signature costs a context copy and the
// hash of the message. Through OpenSSL's HMAC and EVP_MAC calls, fetching the algorithm and
// keying anew cost several times the hash itself, for every delivery.
class SigningKey
{
public:
    explicit SigningKey(const QByteArray &key);
    ~SigningKey();
    SigningKey(const SigningKey &) = delete;
    SigningKey &operator=(const SigningKey &) = delete;

    // "v1,<base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))>", the Standard Webhooks signature.
    QByteArray sign(const QByteArray &webhookId, qint64 timestamp, const QByteArray &body);

private:
    void release();

    evp_md_ctx_st *m_inner = nullptr; // after hashing key XOR ipad
    evp_md_ctx_st *m_outer = nullptr; // after hashing key XOR opad
    evp_md_ctx_st *m_work = nullptr;
};
