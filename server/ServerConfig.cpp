#include "ServerConfig.h"

#include "ConfigFile.h"
#include "EnaVersion.h"
#include "RetryPolicy.h"
#include "SecurityOptions.h"

#include <QCommandLineParser>
#include <QStandardPaths>

namespace {
std::optional<qint64> parseDuration(const QString &text)
{
    QString error;
    const auto parsed = RetryPolicy::parseSchedule(text, &error);
    if (!parsed || parsed->size() != 1 || parsed->first() <= 0)
        return std::nullopt;
    return parsed->first();
}

std::optional<Durability> parseDurability(const QString &text)
{
    if (text == QLatin1String("power-loss"))
        return Durability::PowerLoss;
    if (text == QLatin1String("process-crash"))
        return Durability::ProcessCrash;
    return std::nullopt;
}

// The configuration file's entries as arguments placed before the command line's, so flags
// win. Each entry is validated alone first, so an error names its line.
std::optional<QStringList> withConfigFile(const QString &path, const QStringList &arguments,
                                          const QList<QCommandLineOption> &settable, QString *error)
{
    QStringList valueKeys, switchKeys;
    for (const QCommandLineOption &option : settable)
        (option.valueName().isEmpty() ? switchKeys : valueKeys).append(option.names().constFirst());
    const auto entries = ConfigFile::read(path, valueKeys, switchKeys, error);
    if (!entries)
        return std::nullopt;
    const QString program = arguments.value(0);
    QStringList fromFile;
    for (const ConfigFile::Entry &entry : *entries) {
        const QStringList entryArguments = ConfigFile::toArguments(entry, switchKeys);
        ServerConfig scratch;
        const auto checked = ServerConfig::parse(QStringList{program} + entryArguments, scratch);
        if (!checked.error.isEmpty()) {
            *error = QStringLiteral("%1 line %2: %3").arg(path).arg(entry.line).arg(checked.error);
            return std::nullopt;
        }
        fromFile += entryArguments;
    }
    return QStringList{program} + fromFile + arguments.mid(1);
}
} // namespace

ServerConfig::ParseResult ServerConfig::parse(const QStringList &arguments, ServerConfig &config)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ENA Webhooks server: the webhooks REST API and delivery engine."));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("ADDR"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port to listen on; 0 picks a free one (default 8470)."), QStringLiteral("N"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Directory for the database and generated files."), QStringLiteral("DIR"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"), QStringLiteral("File holding the admin API token (else ENA_WEBHOOKS_TOKEN, else <data-dir>/admin-token)."), QStringLiteral("FILE"));
    const QCommandLineOption publishTokenFile(QStringLiteral("publish-token-file"), QStringLiteral("File holding a token that may only publish events."), QStringLiteral("FILE"));
    const QCommandLineOption eventTypes(QStringLiteral("event-types"), QStringLiteral("JSON file with extra event types for the catalog."), QStringLiteral("FILE"));
    const QCommandLineOption allowPrivate(QStringLiteral("allow-private-network"), QStringLiteral("Allow deliveries to loopback, private, link-local and unique-local addresses."));
    const QCommandLineOption timeout(QStringLiteral("delivery-timeout"), QStringLiteral("Total time allowed for one delivery attempt (default 15s)."), QStringLiteral("DURATION"));
    const QCommandLineOption schedule(QStringLiteral("retry-schedule"), QStringLiteral("Delays before each attempt (default 0,5s,5m,30m,2h,5h,10h,10h)."), QStringLiteral("LIST"));
    const QCommandLineOption retention(QStringLiteral("retention-days"), QStringLiteral("Delete finished deliveries older than this many days (default 30)."), QStringLiteral("DAYS"));
    const QCommandLineOption durability(QStringLiteral("durability"), QStringLiteral("What an accepted event (202) survives: power-loss (default: every commit is synced to disk) or process-crash (faster; power loss can take back the last commits)."), QStringLiteral("MODE"));
    const QCommandLineOption metricsPublic(QStringLiteral("metrics-public"), QStringLiteral("Serve GET /metrics without a token."));
    // Every option here is also a key of the configuration file.
    const QList<QCommandLineOption> settable = QList<QCommandLineOption>{listen, port, dataDir, tokenFile, publishTokenFile, eventTypes, allowPrivate, timeout, schedule, retention, durability, metricsPublic} + SecurityOptions::options();
    parser.addOptions(settable);
    const QCommandLineOption configFile(QStringLiteral("config"), QStringLiteral("Read options from FILE (\"key = value\" lines; keys are the long options; flags win)."), QStringLiteral("FILE"));
    const QCommandLineOption checkConfig(QStringLiteral("check-config"), QStringLiteral("Check the options, the configuration file and every file they name, then exit."));
    parser.addOptions({configFile, checkConfig});
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    ParseResult result;
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        result.action = Action::ShowHelp;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = Action::ShowVersion;
        result.text = QStringLiteral("ena-webhooks-server " ENA_WEBHOOKS_VERSION "\n");
        return result;
    }
    if (parser.isSet(configFile)) {
        const auto merged = withConfigFile(parser.value(configFile), arguments, settable, &result.error);
        if (!merged)
            return result;
        if (!parser.parse(*merged)) {
            result.error = parser.errorText();
            return result;
        }
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        return result;
    }
    if (parser.isSet(listen) && !config.listenAddress.setAddress(parser.value(listen))) {
        result.error = QStringLiteral("--listen: \"%1\" is not an IP address").arg(parser.value(listen));
        return result;
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            result.error = QStringLiteral("--port: \"%1\" is not a port number (0-65535)").arg(parser.value(port));
            return result;
        }
        config.port = static_cast<quint16>(value);
    }
    config.dataDir = parser.isSet(dataDir) ? parser.value(dataDir)
                                           : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    config.tokenFile = parser.value(tokenFile);
    config.publishTokenFile = parser.value(publishTokenFile);
    config.eventTypesFile = parser.value(eventTypes);
    config.allowPrivateNetwork = parser.isSet(allowPrivate);
    config.metricsPublic = parser.isSet(metricsPublic);
    if (auto error = SecurityOptions::apply(parser, config)) {
        result.error = *error;
        return result;
    }
    if (parser.isSet(timeout)) {
        const auto ms = parseDuration(parser.value(timeout));
        if (!ms) {
            result.error = QStringLiteral("--delivery-timeout: \"%1\" is not a duration such as 15s or 500ms").arg(parser.value(timeout));
            return result;
        }
        config.deliveryTimeoutMs = *ms;
    }
    if (parser.isSet(schedule)) {
        QString error;
        const auto delays = RetryPolicy::parseSchedule(parser.value(schedule), &error);
        if (!delays) {
            result.error = QStringLiteral("--retry-schedule: ") + error;
            return result;
        }
        config.retryScheduleMs = *delays;
    }
    if (parser.isSet(retention)) {
        bool ok = false;
        config.retentionDays = parser.value(retention).toInt(&ok);
        if (!ok || config.retentionDays < 1) {
            result.error = QStringLiteral("--retention-days: \"%1\" is not a whole number of days from 1").arg(parser.value(retention));
            return result;
        }
    }
    if (parser.isSet(durability)) {
        const auto mode = parseDurability(parser.value(durability));
        if (!mode) {
            result.error = QStringLiteral("--durability: \"%1\" is not power-loss or process-crash").arg(parser.value(durability));
            return result;
        }
        config.durability = *mode;
    }
    if (parser.isSet(checkConfig)) {
        result.action = Action::CheckConfig;
        result.text = QStringLiteral("configuration ok\n");
    }
    return result;
}
