#include "RouteInput.h"

#include "ApiError.h"
#include "ApiRequest.h"

#include <algorithm>

namespace {
constexpr qsizetype kMaxEchoed = 100; // of a client's text quoted back in a message

QString routeOf(const ApiRequest &request)
{
    return QString::fromLatin1(request.method) + QLatin1Char(' ') + request.routePattern;
}

ApiError unsupportedMediaType(const QString &message)
{
    return {415, QStringLiteral("unsupported_media_type"), message};
}
} // namespace

RouteInput RouteInput::jsonBody()
{
    RouteInput input;
    input.m_body = Body::Json;
    return input;
}

RouteInput RouteInput::query(QStringList names)
{
    RouteInput input;
    input.m_queryNames = std::move(names);
    return input;
}

void RouteInput::check(const ApiRequest &request) const
{
    checkQuery(request);
    checkBody(request);
}

void RouteInput::checkQuery(const ApiRequest &request) const
{
    if (request.query.isEmpty())
        return; // most requests: nothing to decode
    const QList<QPair<QString, QString>> items = request.query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (!m_queryNames.contains(name)) {
            const QString accepted = m_queryNames.isEmpty()
                                         ? QStringLiteral("it takes no query parameters")
                                         : QStringLiteral("it takes %1").arg(m_queryNames.join(QStringLiteral(", ")));
            throw ApiError(422, QStringLiteral("unknown_parameter"),
                           QStringLiteral("unknown query parameter \"%1\" for %2; %3")
                               .arg(name.left(kMaxEchoed), routeOf(request), accepted));
        }
        // Two values would leave it to chance which one counts: refuse instead of picking one.
        const auto count = std::count_if(items.cbegin(), items.cend(), [&name](const auto &item) { return item.first == name; });
        if (count > 1)
            throw ApiError::unprocessable(QStringLiteral("query parameter \"%1\" is given %2 times; send it once").arg(name).arg(count));
    }
}

void RouteInput::checkBody(const ApiRequest &request) const
{
    if (request.body.isEmpty())
        return; // a JSON route's handler says what is missing
    if (m_body == Body::None) {
        throw unsupportedMediaType(QStringLiteral("%1 takes no request body; send it without one (Content-Length: 0)")
                                       .arg(routeOf(request)));
    }
    // Views, not copies: every published event passes here.
    const QByteArray contentType = request.header("Content-Type");
    const QByteArrayView header(contentType);
    const qsizetype semicolon = header.indexOf(';');
    const QByteArrayView mediaType = (semicolon < 0 ? header : header.first(semicolon)).trimmed();
    if (mediaType.compare("application/json", Qt::CaseInsensitive) != 0) {
        const QString sent = contentType.isEmpty() ? QStringLiteral("sent without Content-Type")
                                                   : QStringLiteral("not \"%1\"").arg(QString::fromLatin1(contentType.left(kMaxEchoed)));
        throw unsupportedMediaType(QStringLiteral("%1 takes a JSON body, %2; send \"Content-Type: application/json\"")
                                       .arg(routeOf(request), sent));
    }
    if (semicolon < 0)
        return;
    for (const QByteArray &part : contentType.mid(semicolon + 1).split(';')) {
        const QByteArray parameter = part.trimmed();
        if (!parameter.toLower().startsWith("charset="))
            continue;
        QByteArray charset = parameter.mid(8).trimmed();
        if (charset.size() >= 2 && charset.startsWith('"') && charset.endsWith('"'))
            charset = charset.mid(1, charset.size() - 2);
        // The body is read as UTF-8, the only encoding JSON allows between systems (RFC 8259).
        if (charset.compare("utf-8", Qt::CaseInsensitive) != 0) {
            throw unsupportedMediaType(QStringLiteral("%1 takes UTF-8 JSON, not charset \"%2\"; send "
                                                      "\"Content-Type: application/json\" or \"application/json; charset=utf-8\"")
                                           .arg(routeOf(request), QString::fromLatin1(charset.left(kMaxEchoed))));
        }
    }
}
