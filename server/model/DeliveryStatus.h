#pragma once

#include <QString>
#include <optional>

enum class DeliveryStatus { Pending, Delivered, Failed };

QString toString(DeliveryStatus status);
std::optional<DeliveryStatus> deliveryStatusFromString(const QString &text);
