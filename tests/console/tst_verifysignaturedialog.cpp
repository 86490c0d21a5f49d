#include "SecretVault.h"
#include "Signer.h"
#include "VerifySignatureDialog.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

// The Verify Signature tool with a secret from the real keychain or a pasted one.
class tst_VerifySignatureDialog : public QObject
{
    Q_OBJECT

    SecretVault m_vault{QStringLiteral("ENA Webhooks test ") + QUuid::createUuid().toString()};
    const QString m_server = QStringLiteral("http://127.0.0.1:1234");
    const QString m_secret = QStringLiteral("whs_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    const QList<EndpointInfo> m_endpoints{{QStringLiteral("whe_1"), QStringLiteral("https://a.example/"), {QStringLiteral("*")}, true, {}, {}}};

    void fillSigned(VerifySignatureDialog &dialog, qint64 timestamp, const QByteArray &body)
    {
        const QByteArray signature = Signer::sign(*Signer::keyFromSecret(m_secret), "del_1", timestamp, body);
        dialog.setMessage(QStringLiteral("del_1"), QString::number(timestamp), QString::fromLatin1(signature), QString::fromUtf8(body));
    }

private slots:
    void initTestCase()
    {
        bool done = false;
        m_vault.storeEndpointSecret(m_server, QStringLiteral("whe_1"), m_secret, this, [&](const QString &error) {
            QVERIFY(error.isEmpty());
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    }

    void secretFromTheKeychain()
    {
        VerifySignatureDialog dialog(&m_vault, m_server, m_endpoints);
        fillSigned(dialog, QDateTime::currentSecsSinceEpoch() - 30, R"({"type":"survey.response.created"})");
        dialog.selectEndpoint(QStringLiteral("whe_1"));
        QSignalSpy verified(&dialog, &VerifySignatureDialog::verified);
        dialog.verify();
        QVERIFY(verified.wait(10000));
        QCOMPARE(verified.at(0).at(0).value<SignatureCheck::Outcome>(), SignatureCheck::Outcome::Valid);
        QVERIFY2(dialog.resultText().startsWith(QStringLiteral("Valid")), qPrintable(dialog.resultText()));
        QVERIFY(dialog.resultText().contains(QStringLiteral("Age of the timestamp")));
    }

    void pastedSecretAndATamperedBody()
    {
        VerifySignatureDialog dialog(&m_vault, m_server, m_endpoints);
        fillSigned(dialog, QDateTime::currentSecsSinceEpoch(), R"({"a":1})");
        dialog.setMessage(QStringLiteral("del_1"), QString::number(QDateTime::currentSecsSinceEpoch()),
                          QString::fromLatin1(Signer::sign(*Signer::keyFromSecret(m_secret), "del_1", 1, "x")), QStringLiteral("y"));
        dialog.setSecret(m_secret);
        QSignalSpy verified(&dialog, &VerifySignatureDialog::verified);
        dialog.verify();
        QCOMPARE(verified.count(), 1);
        QCOMPARE(verified.at(0).at(0).value<SignatureCheck::Outcome>(), SignatureCheck::Outcome::Invalid);
        QVERIFY(dialog.resultText().startsWith(QStringLiteral("Invalid")));
    }

    void staleTimestampIsPointedOut()
    {
        VerifySignatureDialog dialog(&m_vault, m_server, m_endpoints);
        fillSigned(dialog, QDateTime::currentSecsSinceEpoch() - 3600, "{}");
        dialog.setSecret(m_secret);
        dialog.verify();
        QVERIFY(dialog.resultText().startsWith(QStringLiteral("Valid")));
        QVERIFY(dialog.resultText().contains(QStringLiteral("5 minutes")));
    }

    void endpointWithoutAStoredSecret()
    {
        VerifySignatureDialog dialog(&m_vault, QStringLiteral("another server"), m_endpoints);
        fillSigned(dialog, QDateTime::currentSecsSinceEpoch(), "{}");
        dialog.selectEndpoint(QStringLiteral("whe_1"));
        QSignalSpy verified(&dialog, &VerifySignatureDialog::verified);
        dialog.verify();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.resultText().contains(QStringLiteral("No secret")), 10000);
        QCOMPARE(verified.count(), 0);
    }
};

QTEST_MAIN(tst_VerifySignatureDialog)
#include "tst_verifysignaturedialog.moc"
