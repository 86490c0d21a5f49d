#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

enum class DeliveryStatus { Pending, Delivered, Failed };

// As stored and as the API writes it.
QString toString(DeliveryStatus status);
// The same as UTF-8, without a conversion (outcomes are written thousands of times a second).
QByteArray toUtf8(DeliveryStatus status);
std::optional<DeliveryStatus> deliveryStatusFromString(const QString &text);
