#pragma once

#include <QByteArray>

// Checks bearer tokens in constant time. The admin token may do everything; the optional
// publish-only token may only publish events. Keeps only SHA-256 digests of the tokens.
class Authenticator
{
public:
    enum class Role { None, Admin, Publisher };

    Authenticator(QByteArray adminToken, QByteArray publishToken = {});

    // From the value of an Authorization header ("Bearer <token>").
    Role roleFor(const QByteArray &authorizationHeader) const;

private:
    QByteArray m_adminDigest;
    QByteArray m_publishDigest; // empty: no publish-only token
};
