// JsonMemberText: never reads out of bounds, whatever the bytes; for a body Qt parses as an
// object, the text it finds for "data" parses again to the value Qt has for "data", so what
// receivers get as written means what was validated.
#include "JsonMemberText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<QByteArrayView> found = JsonMemberText::find(body, "data");
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (!found || error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonDocument again = QJsonDocument::fromJson('[' + found->toByteArray() + ']', &error);
    if (error.error != QJsonParseError::NoError || again.array().size() != 1
        || again.array().at(0) != document.object().value(QStringLiteral("data"))) {
        qCritical("the text found for data does not mean what Qt read: %s", found->toByteArray().constData());
        std::abort();
    }
    return 0;
}
