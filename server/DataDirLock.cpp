#include "DataDirLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace {
constexpr qsizetype kMaxRecord = 512;
}

DataDirLock::DataDirLock(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(QStringLiteral("server.lock")))
{
}

DataDirLock::~DataDirLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

std::optional<QString> DataDirLock::acquire()
{
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0)
        return QStringLiteral("cannot open the lock file %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
    if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0) {
        record(QByteArray::number(QCoreApplication::applicationPid()) + '\n');
        return std::nullopt;
    }
    const int error = errno;
    const QString running = error == EWOULDBLOCK ? holder() : QString();
    ::close(m_fd);
    m_fd = -1;
    if (error != EWOULDBLOCK)
        return QStringLiteral("cannot lock %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(error)));
    return QStringLiteral("another ena-webhooks-server (%1) is using the data directory %2; stop it first, or give "
                          "this one another --data-dir")
        .arg(running, QFileInfo(m_path).absolutePath());
}

void DataDirLock::announce(const QString &baseUrl)
{
    if (m_fd >= 0)
        record(QByteArray::number(QCoreApplication::applicationPid()) + ' ' + baseUrl.toUtf8() + '\n');
}

QString DataDirLock::holder() const
{
    // "<pid> [<url>]", as record() wrote it; empty while the holder is between truncate and write.
    QByteArray content(kMaxRecord, '\0');
    const ssize_t size = ::pread(m_fd, content.data(), content.size(), 0);
    const QList<QByteArray> fields = content.left(qMax<ssize_t>(size, 0)).trimmed().split(' ');
    bool ok = false;
    const qint64 pid = fields.value(0).toLongLong(&ok);
    if (!ok)
        return QStringLiteral("pid unknown");
    if (fields.size() < 2)
        return QStringLiteral("pid %1, still starting").arg(pid);
    return QStringLiteral("pid %1, listening on %2").arg(pid).arg(QString::fromUtf8(fields.at(1)));
}

void DataDirLock::record(const QByteArray &content)
{
    // Only a hint for the message of a refused server: failing to write it changes nothing else.
    if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, content.constData(), size_t(content.size()), 0) < 0)
        qWarning("cannot write %s: %s", qUtf8Printable(m_path), std::strerror(errno));
}
