#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <optional>

class QCommandLineParser;
struct ServerConfig;

// The command line options of the security hardening (docs/security.md), kept apart from the
// general ones: secrets at rest, TLS, Host check, connection limits, wrong-token throttle.
namespace SecurityOptions {
QList<QCommandLineOption> options();
// Copies the options set in parser into config; an error text naming the option when a value is bad.
std::optional<QString> apply(const QCommandLineParser &parser, ServerConfig &config);
}
