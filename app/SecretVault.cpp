#include "SecretVault.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

SecretVault::SecretVault(QObject *parent)
    : SecretVault(QStringLiteral("ENA Webhooks"), parent)
{
}

SecretVault::SecretVault(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

void SecretVault::checkReachable(QObject *context, WriteCallback done)
{
    read(QStringLiteral("reachability-check"), context, [done](const std::optional<QString> &, const QString &error) {
        if (done)
            done(error);
    });
}

QString SecretVault::endpointKey(const QString &server, const QString &endpointId)
{
    return QStringLiteral("endpoint-secret/") + server + QLatin1Char('/') + endpointId;
}

QString SecretVault::tokenKey(const QString &profileId)
{
    return QStringLiteral("admin-token/") + profileId;
}

void SecretVault::storeEndpointSecret(const QString &server, const QString &endpointId, const QString &secret,
                                      QObject *context, WriteCallback done)
{
    write(endpointKey(server, endpointId), secret, context, std::move(done));
}

void SecretVault::readEndpointSecret(const QString &server, const QString &endpointId, QObject *context,
                                     ReadCallback done)
{
    read(endpointKey(server, endpointId), context, std::move(done));
}

void SecretVault::removeEndpointSecret(const QString &server, const QString &endpointId, QObject *context,
                                       WriteCallback done)
{
    remove(endpointKey(server, endpointId), context, std::move(done));
}

void SecretVault::storeToken(const QString &profileId, const QString &token, QObject *context, WriteCallback done)
{
    write(tokenKey(profileId), token, context, std::move(done));
}

void SecretVault::readToken(const QString &profileId, QObject *context, ReadCallback done)
{
    read(tokenKey(profileId), context, std::move(done));
}

void SecretVault::removeToken(const QString &profileId, QObject *context, WriteCallback done)
{
    remove(tokenKey(profileId), context, std::move(done));
}

// Jobs have no parent on purpose: libsecret calls back into a job after its D-Bus round trip,
// so a job must outlive a vault destroyed meanwhile. Each job deletes itself when finished, and
// the connections below die with the vault.
void SecretVault::write(const QString &key, const QString &value, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    // A secret must never end up in a plain file just because no keyring is running.
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [ctx = QPointer<QObject>(context), done](QKeychain::Job *finished) {
        if (ctx && done)
            done(finished->error() == QKeychain::NoError ? QString() : finished->errorString());
    });
    job->start();
}

void SecretVault::read(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [ctx = QPointer<QObject>(context), done](QKeychain::Job *finished) {
        if (!ctx || !done)
            return;
        const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (finished->error() == QKeychain::NoError)
            done(readJob->textData(), {});
        else if (finished->error() == QKeychain::EntryNotFound)
            done(std::nullopt, {});
        else
            done(std::nullopt, finished->errorString());
    });
    job->start();
}

void SecretVault::remove(const QString &key, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [ctx = QPointer<QObject>(context), done](QKeychain::Job *finished) {
        if (!ctx || !done)
            return;
        const bool gone = finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound;
        done(gone ? QString() : finished->errorString());
    });
    job->start();
}
