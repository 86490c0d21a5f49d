#include "ConfigCheck.h"

#include "DataDirectory.h"
#include "EventCatalog.h"
#include "MasterKeyFile.h"
#include "ServerConfig.h"
#include "TlsCredentials.h"
#include "TokenFiles.h"

#include <QDir>
#include <QFile>

namespace ConfigCheck {
namespace {

std::optional<QString> checkTokens(const ServerConfig &config)
{
    QString error;
    // Without --token-file or ENA_WEBHOOKS_TOKEN the start reads (or generates) this one.
    QString adminToken = config.tokenFile;
    if (adminToken.isEmpty() && qEnvironmentVariableIsEmpty("ENA_WEBHOOKS_TOKEN")) {
        const QString generated = QDir(config.dataDir).filePath(QStringLiteral("admin-token"));
        if (QFile::exists(generated))
            adminToken = generated;
    }
    for (const QString &path : {adminToken, config.publishTokenFile}) {
        if (!path.isEmpty() && !TokenFiles::read(path, &error))
            return error;
    }
    return std::nullopt;
}

std::optional<QString> checkMasterKey(const ServerConfig &config)
{
    QString path = config.masterKeyFile;
    if (path.isEmpty() && QFile::exists(DataDirectory::masterKeyPath(config.dataDir)))
        path = DataDirectory::masterKeyPath(config.dataDir); // else the start generates one
    QString error;
    if (!path.isEmpty() && !MasterKeyFile::read(path, &error))
        return error;
    return std::nullopt;
}

std::optional<QString> checkTls(const ServerConfig &config)
{
    if (config.tlsCertFile.isEmpty() && config.tlsKeyFile.isEmpty())
        return std::nullopt;
    QString error;
    if (!TlsCredentials::load(config.tlsCertFile, config.tlsKeyFile, &error))
        return error;
    return std::nullopt;
}

} // namespace

std::optional<QString> run(const ServerConfig &config)
{
    if (auto error = DataDirectory::checkUsable(config.dataDir))
        return error;
    if (auto error = DataDirectory::checkDatabaseFile(config.dataDir))
        return error;
    if (auto error = checkTokens(config))
        return error;
    if (auto error = EventCatalog().load(config.eventTypesFile))
        return error;
    if (auto error = checkMasterKey(config))
        return error;
    return checkTls(config);
}

} // namespace ConfigCheck
