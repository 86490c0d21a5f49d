#pragma once

#include "SelfSignedCertificate.h"
#include "TestServer.h"

#include <QTemporaryDir>
#include <memory>

// A real server serving HTTPS with the first of two self-signed certificates, holding one
// endpoint (so "nothing loaded" in a test means refused, not empty); serveWith() restarts it
// with the other certificate on the same data.
class HttpsTestServer
{
public:
    HttpsTestServer();

    bool isValid() const;
    bool start();
    bool serveWith(const SelfSignedCertificate &certificate);
    void stop();

    const SelfSignedCertificate &first() const { return *m_first; }
    const SelfSignedCertificate &second() const { return *m_second; }
    TestServer &server() { return *m_server; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SelfSignedCertificate> m_first;
    std::unique_ptr<SelfSignedCertificate> m_second;
    std::unique_ptr<TestServer> m_server;
};
