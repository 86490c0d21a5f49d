#include "DeliveryStatus.h"

QByteArray toUtf8(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending: return QByteArrayLiteral("pending");
    case DeliveryStatus::Delivered: return QByteArrayLiteral("delivered");
    case DeliveryStatus::Failed: return QByteArrayLiteral("failed");
    }
    return {};
}

QString toString(DeliveryStatus status)
{
    return QString::fromLatin1(toUtf8(status));
}

std::optional<DeliveryStatus> deliveryStatusFromString(const QString &text)
{
    for (const auto status : {DeliveryStatus::Pending, DeliveryStatus::Delivered, DeliveryStatus::Failed}) {
        if (text == QLatin1String(toUtf8(status)))
            return status;
    }
    return std::nullopt;
}
