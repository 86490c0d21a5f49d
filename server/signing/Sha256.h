#pragma once

#include <QByteArray>

struct evp_md_st;

// SHA-256 from OpenSSL, fetched from its providers once per process: EVP_sha256() makes
// OpenSSL 3 look the algorithm up again on every use, which was half the cost of checking a
// bearer token and 4% of answering a request.
class Sha256
{
public:
    static const evp_md_st *algorithm();
    // The 32-byte digest of data; empty if OpenSSL failed.
    static QByteArray digest(const QByteArray &data);
};
