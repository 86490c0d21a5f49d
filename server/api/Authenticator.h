#pragma once

#include <QByteArray>

// Checks bearer tokens in constant time. The admin token may do everything; the optional
// publish-only token may only publish events.
class Authenticator
{
public:
    enum class Role { None, Admin, Publisher };

    Authenticator(QByteArray adminToken, QByteArray publishToken = {});

    // From the value of an Authorization header ("Bearer <token>").
    Role roleFor(const QByteArray &authorizationHeader) const;

private:
    static bool equalConstantTime(const QByteArray &a, const QByteArray &b);

    QByteArray m_adminToken;
    QByteArray m_publishToken;
};
