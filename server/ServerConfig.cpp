#include "ServerConfig.h"

#include "EnaVersion.h"
#include "RetryPolicy.h"

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
    parser.addOptions({listen, port, dataDir, tokenFile, publishTokenFile, eventTypes, allowPrivate, timeout, schedule, retention});
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
    return result;
}
