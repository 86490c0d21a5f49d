#pragma once

#include <QByteArray>

struct evp_mac_ctx_st;

// One endpoint's HMAC-SHA256 key with OpenSSL's state set up once, for signing many messages.
// Fetching the algorithm and keying HMAC anew for every delivery cost about ten times the
// hash itself.
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
    evp_mac_ctx_st *m_context = nullptr;
};
