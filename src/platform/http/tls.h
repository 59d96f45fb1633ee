#pragma once
// TLS for the server (SPEC SEC-1): TLS 1.2 and 1.3 only, forward-secret AEAD ciphers.
#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <memory>

namespace hersys::http {

struct CertificateFiles {
  std::filesystem::path certificate;  // PEM chain
  std::filesystem::path private_key;  // PEM
};

// A server context from the given files. Throws std::runtime_error naming the file that could
// not be used.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(const CertificateFiles& files);

// The certificate in `dir` (tls/cert.pem, tls/key.pem), made on first use: a self-signed P-256
// certificate for localhost, 127.0.0.1 and ::1, valid for 397 days, the key readable only by the
// owner. For trying the system; a deployment gives its own files (--tls-cert/--tls-key).
CertificateFiles ensure_self_signed_certificate(const std::filesystem::path& dir);

}  // namespace hersys::http
