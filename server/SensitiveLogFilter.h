#pragma once

// QtHttpServer's debug categories print whole requests, Authorization header included. This
// keeps them off even when QT_LOGGING_RULES turns everything on, so tokens never reach a log.
namespace SensitiveLogFilter {
// Idempotent; process-wide.
void install();
}
