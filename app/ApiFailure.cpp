#include "ApiFailure.h"

#include <QCoreApplication>

QString ApiFailure::describe() const
{
    if (untrustedCertificate())
        return QCoreApplication::translate("ApiFailure", "%1 failed: %2").arg(operation, message);
    if (transport)
        return QCoreApplication::translate("ApiFailure", "%1 failed: cannot reach the server (%2)").arg(operation, message);
    return QCoreApplication::translate("ApiFailure", "%1 failed (HTTP %2): %3").arg(operation).arg(httpStatus).arg(message);
}

bool ApiFailure::untrustedCertificate() const
{
    return !certificateFingerprint.isEmpty();
}

bool ApiFailure::certificateChanged() const
{
    return untrustedCertificate() && !trustedFingerprint.isEmpty() && trustedFingerprint != certificateFingerprint;
}
