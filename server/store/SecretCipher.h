#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// Seals endpoint secrets for storage: AES-256-GCM with a fresh random 12-byte nonce per seal,
// the endpoint id as associated data (a sealed secret copied onto another row does not open).
// Stored form: "enc1:" + base64(nonce | ciphertext | 16-byte tag). The only code that knows EVP.
class SecretCipher
{
public:
    static constexpr int kKeyBytes = 32;

    // key must be kKeyBytes long.
    explicit SecretCipher(const QByteArray &key);
    ~SecretCipher();
    SecretCipher(const SecretCipher &) = delete;
    SecretCipher &operator=(const SecretCipher &) = delete;

    QString seal(const QString &plaintext, const QString &context) const;
    // nullopt when the text was sealed with another key or context, or was tampered with.
    std::optional<QString> open(const QString &sealed, const QString &context) const;

    static bool isSealed(const QString &stored);

private:
    QByteArray m_key;
};
