#include "platform/http/tls.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <stdexcept>

namespace hersys::http {
namespace fs = std::filesystem;
namespace {

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Free>;

[[noreturn]] void fail(const std::string& what) {
  char reason[256] = "";
  ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
  throw std::runtime_error(what + ": " + reason);
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || !X509_add_ext(cert, ext.get(), -1)) fail("certificate extension");
}

// Writes `pem` to `path` atomically (temporary file + rename) with the given mode.
void write_file(const fs::path& path, const std::string& pem, mode_t mode) {
  auto temporary = path;
  temporary += ".tmp";
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) throw std::runtime_error("cannot write " + temporary.string());
  bool ok = ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + temporary.string());
  fs::rename(temporary, path);
}

template <class WritePem>
std::string to_pem(WritePem write) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || !write(bio.get())) fail("PEM encoding");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

std::shared_ptr<boost::asio::ssl::context> make_tls_context(const CertificateFiles& files) {
  namespace ssl = boost::asio::ssl;
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::single_dh_use);
  SSL_CTX* native = ctx->native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) fail("TLS minimum version");
  if (SSL_CTX_set_cipher_list(native, "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!SHA1") != 1) {
    fail("TLS 1.2 ciphers");
  }
  boost::system::error_code ec;
  ctx->use_certificate_chain_file(files.certificate.string(), ec);
  if (ec) throw std::runtime_error("cannot use certificate " + files.certificate.string());
  ctx->use_private_key_file(files.private_key.string(), ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot use private key " + files.private_key.string());
  return ctx;
}

CertificateFiles ensure_self_signed_certificate(const fs::path& dir) {
  CertificateFiles files{dir / "tls" / "cert.pem", dir / "tls" / "key.pem"};
  if (fs::exists(files.certificate) && fs::exists(files.private_key)) return files;
  fs::create_directories(files.certificate.parent_path());

  Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
  if (!key) fail("key generation");
  Owned<X509> cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), 2)) fail("certificate");
  Owned<BIGNUM> serial(BN_new());
  if (!serial || !BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))) {
    fail("certificate serial");
  }
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 397L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("hersys (self-signed)"), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
  if (!X509_sign(cert.get(), key.get(), EVP_sha256())) fail("certificate signature");

  write_file(files.private_key, to_pem([&](BIO* b) {
               return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
             }),
             0600);
  write_file(files.certificate, to_pem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); }),
             0644);
  spdlog::info("made a self-signed TLS certificate in {}",
               files.certificate.parent_path().string());
  return files;
}

}  // namespace hersys::http
