#include "SecretVault.h"

#include <QTest>
#include <QUuid>

// Against the real Secret Service of the session (gnome-keyring in dbus-run-session).
class tst_SecretVault : public QObject
{
    Q_OBJECT

    SecretVault m_vault{QStringLiteral("ENA Webhooks test ") + QUuid::createUuid().toString()};

    std::optional<QString> read(const std::function<void(SecretVault::ReadCallback)> &call, QString *error = nullptr)
    {
        bool done = false;
        std::optional<QString> value;
        call([&](const std::optional<QString> &v, const QString &e) {
            value = v;
            if (error)
                *error = e;
            done = true;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
        return value;
    }

    QString write(const std::function<void(SecretVault::WriteCallback)> &call)
    {
        bool done = false;
        QString error;
        call([&](const QString &e) {
            error = e;
            done = true;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
        return error;
    }

private slots:
    void endpointSecretRoundTrip()
    {
        const QString server = QStringLiteral("http://127.0.0.1:8470");
        QCOMPARE(write([&](auto done) { m_vault.storeEndpointSecret(server, QStringLiteral("whe_1"), QStringLiteral("whs_abc"), this, done); }),
                 QString());
        QString error;
        QCOMPARE(read([&](auto done) { m_vault.readEndpointSecret(server, QStringLiteral("whe_1"), this, done); }, &error),
                 std::optional<QString>(QStringLiteral("whs_abc")));
        QCOMPARE(error, QString());
        // Same endpoint id on another server is another entry.
        QCOMPARE(read([&](auto done) { m_vault.readEndpointSecret(QStringLiteral("other"), QStringLiteral("whe_1"), this, done); }),
                 std::nullopt);

        QCOMPARE(write([&](auto done) { m_vault.storeEndpointSecret(server, QStringLiteral("whe_1"), QStringLiteral("whs_new"), this, done); }),
                 QString());
        QCOMPARE(read([&](auto done) { m_vault.readEndpointSecret(server, QStringLiteral("whe_1"), this, done); }),
                 std::optional<QString>(QStringLiteral("whs_new")));

        QCOMPARE(write([&](auto done) { m_vault.removeEndpointSecret(server, QStringLiteral("whe_1"), this, done); }), QString());
        QCOMPARE(read([&](auto done) { m_vault.readEndpointSecret(server, QStringLiteral("whe_1"), this, done); }, &error),
                 std::nullopt);
        QCOMPARE(error, QString()); // absent is not an error
    }

    void removingWhatIsNotThereIsFine()
    {
        QCOMPARE(write([&](auto done) { m_vault.removeEndpointSecret(QStringLiteral("s"), QStringLiteral("whe_none"), this, done); }),
                 QString());
    }

    void tokensAreKeptPerProfile()
    {
        QCOMPARE(write([&](auto done) { m_vault.storeToken(QStringLiteral("profile-a"), QStringLiteral("token-a"), this, done); }), QString());
        QCOMPARE(write([&](auto done) { m_vault.storeToken(QStringLiteral("profile-b"), QStringLiteral("token-b"), this, done); }), QString());
        QCOMPARE(read([&](auto done) { m_vault.readToken(QStringLiteral("profile-a"), this, done); }),
                 std::optional<QString>(QStringLiteral("token-a")));
        QCOMPARE(read([&](auto done) { m_vault.readToken(QStringLiteral("profile-b"), this, done); }),
                 std::optional<QString>(QStringLiteral("token-b")));
        QCOMPARE(write([&](auto done) { m_vault.removeToken(QStringLiteral("profile-a"), this, done); }), QString());
        QCOMPARE(read([&](auto done) { m_vault.readToken(QStringLiteral("profile-a"), this, done); }), std::nullopt);
    }

    void keysSeparateKinds()
    {
        QVERIFY(SecretVault::endpointKey(QStringLiteral("x"), QStringLiteral("y")) != SecretVault::tokenKey(QStringLiteral("x/y")));
        QVERIFY(SecretVault::endpointKey(QStringLiteral("a"), QStringLiteral("b")) != SecretVault::endpointKey(QStringLiteral("b"), QStringLiteral("a")));
    }
};

QTEST_MAIN(tst_SecretVault)
#include "tst_secretvault.moc"
