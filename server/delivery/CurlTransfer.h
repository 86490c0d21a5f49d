#pragma once

#include "AddressGuard.h"
#include "OutboundRequest.h"
#include "OutboundResult.h"

#include <QElapsedTimer>
#include <optional>
#include <vector>

#include <curl/curl.h>

// One attempt as a libcurl easy handle: no redirects, a total deadline, the response body
// capped, and the AddressGuard asked about the address actually connected to (so DNS
// rebinding cannot slip past a check made earlier). Collects the status, the first 4 KiB of
// the body and Retry-After, and turns curl's failures into readable reasons.
class CurlTransfer
{
public:
    // A request URL checked and encoded for curl; the same for every delivery to an endpoint.
    struct Target
    {
        QUrl url;
        QByteArray encoded;
        QString host;
        QString problem; // why nothing can be sent there, or empty
    };
    static Target targetOf(const QUrl &url);

    // Renders the request's headers; cheap to run on the thread that submits, so the transfer
    // thread only hands them to curl. target is targetOf(request.url).
    CurlTransfer(quint64 id, const AddressGuard &guard, QElapsedTimer clock, const OutboundRequest &request,
                 const Target &target);
    ~CurlTransfer();
    CurlTransfer(const CurlTransfer &) = delete;
    CurlTransfer &operator=(const CurlTransfer &) = delete;

    // Why the request cannot be sent at all, or empty.
    const QString &problem() const { return m_problem; }
    // Gives the transfer to easy, a handle that setUpHandle() prepared once.
    void attach(CURL *easy);
    // The options every transfer shares, set once per handle.
    static void setUpHandle(CURL *easy);
    // The easy handle given to attach(), handed back for reuse.
    CURL *takeEasy();
    CURL *easy() const { return m_easy; }
    quint64 id() const { return m_id; }
    const QString &lane() const { return m_lane; }
    int laneLimit() const { return m_laneLimit; }
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
    qint64 m_waitedMs = 0;
    QString m_lane;
    int m_laneLimit = 0;
    QString m_problem;
    QByteArray m_url;
    CURL *m_easy = nullptr;
    // The header lines, NUL-separated, and the list curl reads them through: built in two
    // allocations instead of two per line with curl_slist_append.
    QByteArray m_headerText;
    std::vector<curl_slist> m_headers;
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
