// Request validation end to end: an input is a small HTTP-like request ("METHOD TARGET", header
// lines, a blank line, the body) handed to ApiGateway::handle of a real API stack. Whatever the
// input, the answer must be a 2xx/3xx/4xx, never 5xx, and every error must have the JSON shape
// {"error":{"code","message"}}.
#include "FuzzApiStack.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cstdint>
#include <cstdlib>

namespace {

void fail(const char *what, const ApiResponse &response)
{
    qCritical("%s: status %d, body %s", what, response.status, response.body.left(300).constData());
    std::abort();
}

ApiRequest requestFrom(const QByteArray &input)
{
    ApiRequest request;
    const qsizetype headEnd = input.indexOf("\n\n");
    const QByteArray head = headEnd < 0 ? input : input.left(headEnd);
    request.body = headEnd < 0 ? QByteArray() : input.mid(headEnd + 2);
    QList<QByteArray> lines = head.split('\n');
    const QByteArray requestLine = lines.takeFirst();
    const qsizetype space = requestLine.indexOf(' ');
    request.method = space < 0 ? requestLine : requestLine.left(space);
    const QUrl url = QUrl::fromEncoded(space < 0 ? QByteArray("/") : requestLine.mid(space + 1));
    request.path = url.path();
    request.query = QUrlQuery(url);
    bool authorization = false;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon < 0 ? line : line.left(colon);
        request.headers.append({name, colon < 0 ? QByteArray() : line.mid(colon + 1).trimmed()});
        authorization = authorization || name.compare("authorization", Qt::CaseInsensitive) == 0;
    }
    if (!authorization) // most inputs should reach the handlers, not stop at 401
        request.headers.append({"Authorization", "Bearer " + FuzzApiStack::adminToken()});
    return request;
}

void checkErrorShape(const ApiResponse &response)
{
    QJsonParseError parseError;
    const QJsonObject error = QJsonDocument::fromJson(response.body, &parseError).object().value(QStringLiteral("error")).toObject();
    if (parseError.error != QJsonParseError::NoError || error.value(QStringLiteral("code")).toString().isEmpty()
        || error.value(QStringLiteral("message")).toString().isEmpty())
        fail("error without the {\"error\":{\"code\",\"message\"}} shape", response);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ApiRequest request = requestFrom(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const ApiResponse response = FuzzApiStack::instance().handle(request);
    if (response.status >= 500 || response.status < 200)
        fail("client input got a non-2xx/4xx answer", response);
    if (response.status >= 400)
        checkErrorShape(response);
    else if (!response.body.isEmpty() && QJsonDocument::fromJson(response.body).isNull())
        fail("success with a body that is not JSON", response);
    return 0;
}
