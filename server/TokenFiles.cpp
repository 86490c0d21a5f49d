#include "TokenFiles.h"

#include "Ids.h"

#include <QFile>
#include <QSaveFile>

namespace TokenFiles {

std::optional<QByteArray> read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read token file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray token = file.readLine().trimmed();
    if (token.isEmpty()) {
        *error = QStringLiteral("token file %1 is empty").arg(path);
        return std::nullopt;
    }
    if (file.permissions() & (QFile::ReadGroup | QFile::ReadOther))
        qWarning("token file %s can be read by other users; chmod 600 it", qUtf8Printable(path));
    return token;
}

std::optional<QByteArray> readOrCreate(const QString &path, bool *created, QString *error)
{
    *created = false;
    if (QFile::exists(path))
        return read(path, error);
    const QByteArray token = Ids::adminToken().toLatin1();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot create token file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(token + '\n');
    if (!file.commit()) {
        *error = QStringLiteral("cannot write token file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    *created = true;
    return token;
}

} // namespace TokenFiles
