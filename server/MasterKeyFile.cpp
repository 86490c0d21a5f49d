#include "MasterKeyFile.h"

#include "Ids.h"
#include "SecretCipher.h"

#include <QFile>
#include <QSaveFile>

namespace MasterKeyFile {
namespace {

std::optional<QByteArray> decode(const QByteArray &content)
{
    if (content.size() == SecretCipher::kKeyBytes)
        return content;
    const QByteArray text = content.trimmed();
    if (text.size() == 2 * SecretCipher::kKeyBytes) {
        const QByteArray key = QByteArray::fromHex(text);
        if (key.size() == SecretCipher::kKeyBytes && key.toHex() == text.toLower())
            return key;
    }
    const auto fromBase64 = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (fromBase64 && fromBase64.decoded.size() == SecretCipher::kKeyBytes)
        return fromBase64.decoded;
    return std::nullopt;
}

} // namespace

std::optional<QByteArray> read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read master key file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const auto key = decode(file.read(1024));
    if (!key) {
        *error = QStringLiteral("master key file %1 must hold 32 raw bytes, 64 hex digits or the base64 of 32 bytes")
                     .arg(path);
        return std::nullopt;
    }
    if (file.permissions() & (QFile::ReadGroup | QFile::ReadOther))
        qWarning("master key file %s can be read by other users; chmod 600 it", qUtf8Printable(path));
    return key;
}

std::optional<QByteArray> readOrCreate(const QString &path, bool *created, QString *error)
{
    *created = false;
    if (QFile::exists(path))
        return read(path, error);
    const QByteArray key = Ids::randomBytes(SecretCipher::kKeyBytes);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot create master key file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(key);
    if (!file.commit()) {
        *error = QStringLiteral("cannot write master key file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    *created = true;
    return key;
}

} // namespace MasterKeyFile
