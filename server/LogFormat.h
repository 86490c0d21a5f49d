#pragma once

// How the server's log lines look on stderr. Under systemd (JOURNAL_STREAM names our stderr)
// each line starts with a syslog priority "<N>", which journald stores as the entry's level;
// elsewhere lines carry a timestamp and the level in words. QT_MESSAGE_PATTERN still wins.
class LogFormat
{
public:
    static void install();
    static bool stderrIsJournal();
};
