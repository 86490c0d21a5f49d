#include "DeliveryStatus.h"

QString toString(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending: return QStringLiteral("pending");
    case DeliveryStatus::Delivered: return QStringLiteral("delivered");
    case DeliveryStatus::Failed: return QStringLiteral("failed");
    }
    return {};
}

std::optional<DeliveryStatus> deliveryStatusFromString(const QString &text)
{
    for (const auto status : {DeliveryStatus::Pending, DeliveryStatus::Delivered, DeliveryStatus::Failed}) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}
