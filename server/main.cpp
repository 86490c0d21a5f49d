#include "ConfigCheck.h"
#include "LogFormat.h"
#include "ServerConfig.h"
#include "SignalWatcher.h"
#include "WebhookServer.h"
#include "EnaVersion.h"

#include <QCoreApplication>

#include <cstdio>

#include <malloc.h>

int main(int argc, char *argv[])
{
    // The delivery loop frees and allocates the same few hundred kilobytes every few ms; glibc's
    // default hands freed heap top back to the kernel at once and asks for it again right after
    // (brk calls were a tenth of the drain's CPU time). Keep up to 16 MB of it instead.
    mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
    // Qt's glib event loop writes to its wake-up eventfd for every event posted, two system calls
    // per API request; Qt's own loop wakes itself at most once per pass. The server has no use
    // for glib (the console, which embeds it in a GUI, keeps the default).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    LogFormat::install();
    QCoreApplication::setOrganizationName(QStringLiteral("ena"));
    QCoreApplication::setApplicationName(QStringLiteral("ena-webhooks"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ENA_WEBHOOKS_VERSION));

    ServerConfig config;
    const ServerConfig::ParseResult parsed = ServerConfig::parse(QCoreApplication::arguments(), config);
    if (!parsed.error.isEmpty()) {
        std::fprintf(stderr, "ena-webhooks-server: %s\nTry --help.\n", qUtf8Printable(parsed.error));
        return 2;
    }
    if (parsed.action == ServerConfig::Action::CheckConfig) {
        if (const auto error = ConfigCheck::run(config)) {
            std::fprintf(stderr, "ena-webhooks-server: %s\n", qUtf8Printable(*error));
            return 1;
        }
    }
    if (parsed.action != ServerConfig::Action::Run) {
        std::fputs(qUtf8Printable(parsed.text), stdout);
        return 0;
    }

    WebhookServer server(config);
    if (const auto error = server.start()) {
        std::fprintf(stderr, "ena-webhooks-server: %s\n", qUtf8Printable(*error));
        return 1;
    }
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, [&server] {
        qInfo("shutting down");
        server.stop();
        QCoreApplication::quit();
    });
    std::printf("listening on %s\n", qUtf8Printable(server.baseUrl()));
    std::fflush(stdout);
    return app.exec();
}
