#pragma once

#include "ServerText.h"

#include <QString>
#include <QUrl>

// Why a request failed: the server's own error (code and message) when it answered,
// otherwise a transport problem (no connection, deadline) in networkError.
struct ApiFailure
{
    QString operation;   // what the user asked for, translated ("Create endpoint")
    int httpStatus = 0;  // 0 when the server did not answer
    QString code;        // the server's error.code
    QString message;     // the server's error.message or the transport error
    QUrl url;
    bool transport = false; // true when the server could not be reached
    bool notUnderstood = false; // an answer that is not what the API promises (or an id that is not one)
    // The request may have reached the server and taken effect: no answer in time, or the
    // connection broke after it was sent. Sending it again may do it twice.
    bool outcomeUnknown = false;
    // Set when the TLS handshake stopped at a certificate the user has not trusted.
    QString certificateFingerprint; // SHA-256, "AB:CD:…"
    QString trustedFingerprint;     // what the user trusted for this server before, if anything
    QString certificateErrors;      // the TLS library's reasons, e.g. "The certificate is self-signed, and untrusted"

    bool untrustedCertificate() const;
    // A different certificate than the trusted one: a changed server or a man in the middle.
    bool certificateChanged() const;

    // One line for the user; the server's message capped at maxChars.
    QString describe(int maxChars = ServerText::kMessageMax) const;
};
