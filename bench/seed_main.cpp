// ena-bench-seed: prepares a data directory for bench/run.sh and prints the endpoint ids;
// with --drain-span, prints "delivered first_started_at_ms last_delivered_at_ms" of one instead.
#include "BenchSeeder.h"
#include "DrainSpan.h"
#include "StoreError.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Seeds a ENA Webhooks data directory for benchmarks."));
    parser.addHelpOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Server data directory."), QStringLiteral("DIR"));
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("Receiver URL of the endpoints."), QStringLiteral("URL"));
    const QCommandLineOption endpoints(QStringLiteral("endpoints"), QStringLiteral("Endpoints to create."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption pending(QStringLiteral("pending"), QStringLiteral("Events due now, one delivery per endpoint each."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption history(QStringLiteral("history"), QStringLiteral("Finished deliveries across the endpoints."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption drainSpan(QStringLiteral("drain-span"), QStringLiteral("Print when the deliveries in DIR were first attempted and last delivered."));
    parser.addOptions({dataDir, url, endpoints, pending, history, drainSpan});
    parser.process(app);
    if (parser.isSet(drainSpan)) {
        QString error;
        const auto span = DrainSpan::read(parser.value(dataDir), &error);
        if (!span) {
            std::fprintf(stderr, "ena-bench-seed: %s\n", qUtf8Printable(error));
            return 1;
        }
        std::printf("%lld %lld %lld\n", static_cast<long long>(span->delivered),
                    static_cast<long long>(span->firstStartedAtMs), static_cast<long long>(span->lastDeliveredAtMs));
        return 0;
    }
    if (!parser.isSet(dataDir) || !parser.isSet(url)) {
        std::fputs("ena-bench-seed: --data-dir and --url are required\n", stderr);
        return 2;
    }
    BenchSeeder seeder;
    if (const auto error = seeder.open(parser.value(dataDir))) {
        std::fprintf(stderr, "ena-bench-seed: %s\n", qUtf8Printable(*error));
        return 1;
    }
    try {
        const QStringList ids = seeder.addEndpoints(parser.value(endpoints).toInt(), parser.value(url));
        seeder.addPending(ids, parser.value(pending).toInt());
        seeder.addHistory(ids, parser.value(history).toLongLong());
        for (const QString &id : ids)
            std::printf("%s\n", qUtf8Printable(id));
    } catch (const StoreError &error) {
        std::fprintf(stderr, "ena-bench-seed: %s\n", error.what());
        return 1;
    }
    return 0;
}
