#include "SelfSignedCertificate.h"

#include <QDir>
#include <QFile>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

Certificate makeCertificate(EVP_PKEY *key)
{
    Certificate certificate(X509_new(), &X509_free);
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 24 * 3600);
    X509_set_pubkey(certificate.get(), key);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    if (!addExtension(certificate.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1")
        || !addExtension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE")
        || X509_sign(certificate.get(), key, EVP_sha256()) == 0)
        return Certificate(nullptr, &X509_free);
    return certificate;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

SelfSignedCertificate::SelfSignedCertificate(const QString &dir, const QString &name)
    : m_certificatePath(QDir(dir).filePath(name + QStringLiteral("-cert.pem")))
    , m_keyPath(QDir(dir).filePath(name + QStringLiteral("-key.pem")))
{
    Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    if (!key)
        return;
    const Certificate certificate = makeCertificate(key.get());
    if (!certificate)
        return;
    Bio certificatePem(BIO_new(BIO_s_mem()), &BIO_free);
    Bio keyPem(BIO_new(BIO_s_mem()), &BIO_free);
    if (PEM_write_bio_X509(certificatePem.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return;
    const QByteArray certificateText = drain(certificatePem.get());
    if (!writeFile(m_certificatePath, certificateText) || !writeFile(m_keyPath, drain(keyPem.get())))
        return;
    m_certificate = QSslCertificate(certificateText, QSsl::Pem);
}
