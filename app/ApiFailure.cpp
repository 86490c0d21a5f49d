#include "ApiFailure.h"

#include "ServerText.h"
#include <QCoreApplication>

QString ApiFailure::describe(int maxChars) const
{
    const QString shown = ServerText::plain(message, maxChars); // the server's words, never its markup
    if (untrustedCertificate())
        return QCoreApplication::translate("ApiFailure", "%1 failed: %2").arg(operation, shown);
    if (transport)
        return QCoreApplication::translate("ApiFailure", "%1 failed: cannot reach the server (%2)").arg(operation, shown);
    return QCoreApplication::translate("ApiFailure", "%1 failed (HTTP %2): %3").arg(operation).arg(httpStatus).arg(shown);
}

bool ApiFailure::untrustedCertificate() const
{
    return !certificateFingerprint.isEmpty();
}

bool ApiFailure::certificateChanged() const
{
    return untrustedCertificate() && !trustedFingerprint.isEmpty() && trustedFingerprint != certificateFingerprint;
}
