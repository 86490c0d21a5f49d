#pragma once

#include "AddressGuard.h"
#include "OutboundRequest.h"
#include "OutboundResult.h"

#include <QElapsedTimer>
#include <optional>

#include <curl/curl.h>

// One attempt as a libcurl easy handle: no redirects, a total deadline, the response body
// capped, and the AddressGuard asked about the address actually connected to (so DNS
// rebinding cannot slip past a check made earlier). Collects the status, the first 4 KiB of
// the body and Retry-After, and turns curl's failures into readable reasons.
class CurlTransfer
{
public:
    CurlTransfer(quint64 id, const AddressGuard &guard, QElapsedTimer clock);
    ~CurlTransfer();
    CurlTransfer(const CurlTransfer &) = delete;
    CurlTransfer &operator=(const CurlTransfer &) = delete;

    // Sets easy up for request; an error text when the request cannot be sent at all.
    QString prepare(CURL *easy, const OutboundRequest &request);
    // The easy handle given to prepare(), handed back (headers freed) for reuse.
    CURL *takeEasy();
    CURL *easy() const { return m_easy; }
    quint64 id() const { return m_id; }
    OutboundResult result(CURLcode code) const;
    OutboundResult failure(const QString &error) const;

    static CurlTransfer *of(CURL *easy);

private:
    static size_t onBody(char *data, size_t size, size_t count, void *self);
    static size_t onHeader(char *data, size_t size, size_t count, void *self);
    static curl_socket_t onOpenSocket(void *self, curlsocktype, curl_sockaddr *address);
    QString describe(CURLcode code) const;
    QString timeoutMessage() const;

    quint64 m_id;
    const AddressGuard &m_guard;
    QElapsedTimer m_clock;
    CURL *m_easy = nullptr;
    curl_slist *m_headers = nullptr;
    QByteArray m_requestBody; // curl reads the body from here without copying it
    QString m_host;
    qint64 m_timeoutMs = 0;
    qint64 m_connectTimeoutMs = 0;
    QByteArray m_body;
    qint64 m_bodyReceived = 0;
    bool m_bodyCapped = false;
    std::optional<QByteArray> m_retryAfter;
    QString m_refusal;
    int m_socketsOpened = 0;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
};
