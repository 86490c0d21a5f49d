#include "SecurityOptions.h"

#include "RetryPolicy.h"
#include "ServerConfig.h"

#include <QCommandLineParser>

namespace SecurityOptions {
namespace {

QCommandLineOption option(const char *name, const char *description, const char *valueName = nullptr)
{
    if (!valueName)
        return QCommandLineOption(QLatin1String(name), QLatin1String(description));
    return QCommandLineOption(QLatin1String(name), QLatin1String(description), QLatin1String(valueName));
}

std::optional<qint64> duration(const QString &text)
{
    QString ignored;
    const auto parsed = RetryPolicy::parseSchedule(text, &ignored);
    if (!parsed || parsed->size() != 1 || parsed->first() <= 0 || parsed->first() > std::numeric_limits<int>::max())
        return std::nullopt;
    return parsed->first();
}

std::optional<qint64> byteSize(const QString &text)
{
    static const QList<QPair<QString, qint64>> units{
        {QStringLiteral("kib"), 1024}, {QStringLiteral("mib"), 1024 * 1024}, {QStringLiteral("k"), 1024},
        {QStringLiteral("m"), 1024 * 1024}, {QString(), 1}};
    const QString lower = text.trimmed().toLower();
    for (const auto &[suffix, factor] : units) {
        if (!lower.endsWith(suffix))
            continue;
        bool ok = false;
        const qint64 value = lower.chopped(suffix.size()).trimmed().toLongLong(&ok);
        if (ok && value > 0 && value <= (qint64(1) << 40) / factor)
            return value * factor;
        return std::nullopt;
    }
    return std::nullopt;
}

QString bad(const QString &name, const QString &value, const char *expected)
{
    return QStringLiteral("--%1: \"%2\" is not %3").arg(name, value, QLatin1String(expected));
}

} // namespace

QList<QCommandLineOption> options()
{
    return {
        option("master-key-file", "File with the 32-byte key that encrypts endpoint secrets (default <data-dir>/master.key, generated).", "FILE"),
        option("tls-cert", "PEM certificate (chain) to serve HTTPS with; needs --tls-key.", "FILE"),
        option("tls-key", "PEM private key for --tls-cert.", "FILE"),
        option("allowed-host", "Extra host name clients may use on a loopback listener (repeatable).", "NAME"),
        option("max-connections", "Open connections before new ones are refused with 503 (default 512).", "N"),
        option("idle-timeout", "Close a keep-alive connection idle this long (default 30s).", "DURATION"),
        option("request-timeout", "A request must arrive completely within this time (default 10s).", "DURATION"),
        option("max-body-bytes", "Largest request body, e.g. 1MiB (default); larger ones get 413.", "SIZE"),
    };
}

std::optional<QString> apply(const QCommandLineParser &parser, ServerConfig &config)
{
    config.masterKeyFile = parser.value(QStringLiteral("master-key-file"));
    config.tlsCertFile = parser.value(QStringLiteral("tls-cert"));
    config.tlsKeyFile = parser.value(QStringLiteral("tls-key"));
    config.allowedHosts = parser.values(QStringLiteral("allowed-host"));
    if (const QString text = parser.value(QStringLiteral("max-connections")); !text.isEmpty()) {
        bool ok = false;
        config.maxConnections = text.toInt(&ok);
        if (!ok || config.maxConnections < 1)
            return bad(QStringLiteral("max-connections"), text, "a whole number from 1");
    }
    for (const auto &[name, target] : {std::pair{QStringLiteral("idle-timeout"), &config.idleTimeoutMs},
                                      std::pair{QStringLiteral("request-timeout"), &config.requestTimeoutMs}}) {
        if (const QString text = parser.value(name); !text.isEmpty()) {
            const auto ms = duration(text);
            if (!ms)
                return bad(name, text, "a duration such as 30s or 500ms");
            *target = static_cast<int>(*ms);
        }
    }
    if (const QString text = parser.value(QStringLiteral("max-body-bytes")); !text.isEmpty()) {
        const auto bytes = byteSize(text);
        if (!bytes)
            return bad(QStringLiteral("max-body-bytes"), text, "a size such as 1048576, 512KiB or 1MiB");
        config.maxBodyBytes = *bytes;
    }
    return std::nullopt;
}

} // namespace SecurityOptions
