#pragma once

#include <QByteArray>

// Checks bearer tokens in constant time. The admin token may do everything; the optional
// publish-only token may only publish events. Keeps SHA-256 digests of the tokens, and per role
// the last header that passed, so that a client's every request is not hashed again.
class Authenticator
{
public:
    enum class Role { None, Admin, Publisher };

    Authenticator(QByteArray adminToken, QByteArray publishToken = {});

    // From the value of an Authorization header ("Bearer <token>").
    Role roleFor(const QByteArray &authorizationHeader) const;

private:
    Role checkDigest(const QByteArray &authorizationHeader) const;

    QByteArray m_adminDigest;
    QByteArray m_publishDigest; // empty: no publish-only token
    // The digest was 7% of answering a read; a repeat of a header that passed is found by a
    // constant-time comparison instead. Only headers that passed get here.
    mutable QByteArray m_lastAdminHeader;
    mutable QByteArray m_lastPublisherHeader;
};
