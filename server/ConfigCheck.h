#pragma once

#include <QString>
#include <optional>

struct ServerConfig;

// --check-config: opens and validates every file a start would read (tokens, event types,
// master key, TLS certificate and key) and checks the data directory, with the code the start
// runs, so "configuration ok" means the start gets past them. It neither listens nor opens the
// database, so it is safe beside a running server; nor does it create anything.
namespace ConfigCheck {
std::optional<QString> run(const ServerConfig &config);
}
