#include "LogFormat.h"

#include "RepeatedMessageLimiter.h"

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <sys/stat.h>

void LogFormat::install()
{
    RepeatedMessageLimiter::install();
    if (stderrIsJournal()) {
        qSetMessagePattern(QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                                          "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}%{message}"));
    } else {
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddTHH:mm:ss.zzz} %{type}: %{message}"));
    }
}

bool LogFormat::stderrIsJournal()
{
    // systemd sets JOURNAL_STREAM to "<device>:<inode>" of the stream it connected; a child
    // whose stderr was redirected elsewhere inherits the variable, so compare.
    const QList<QByteArray> parts = qgetenv("JOURNAL_STREAM").split(':');
    struct stat info {};
    if (parts.size() != 2 || fstat(2, &info) != 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = parts.at(0).toULongLong(&deviceOk);
    const qulonglong inode = parts.at(1).toULongLong(&inodeOk);
    return deviceOk && inodeOk && device == info.st_dev && inode == info.st_ino;
}
