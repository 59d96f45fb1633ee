#include "platform/crypto/crypto.h"

#include <sodium.h>

#include <stdexcept>

namespace hersys::crypto {
namespace {

void ensure_initialised() {
  // sodium_init is thread-safe and idempotent; a static runs it once.
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    return true;
  }();
  (void)ready;
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();
  return hex;
}

std::string from_hex(std::string_view hex) {
  std::string bytes(hex.size() / 2, '\0');
  size_t length = 0;
  sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                 hex.size(), nullptr, &length, nullptr);
  bytes.resize(length);
  return bytes;
}

std::string hash_hex(std::string_view data) {
  ensure_initialised();
  unsigned char digest[crypto_generichash_BYTES];  // 32
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string random_bytes(size_t n) {
  ensure_initialised();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return bytes;
}

std::string random_hex(size_t n) { return to_hex(random_bytes(n)); }

std::uint32_t random_below(std::uint32_t upper) {
  ensure_initialised();
  return randombytes_uniform(upper);
}

std::string random_digits(size_t n) {
  std::string digits;
  for (size_t i = 0; i < n; ++i) digits += static_cast<char>('0' + random_below(10));
  return digits;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(std::string_view password) {
  ensure_initialised();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return hash;
}

bool verify_password(const std::string& stored_hash, std::string_view password) {
  ensure_initialised();
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string initial_password() {
  // No characters that read alike on paper or in common fonts (issue 19 item 26): none of
  // 0 O o Q D, 1 l I i j, 2 Z z, 5 S s, 6 G, 8 B, 9 g q, u v U V, m (rn); of C K P W X Y only the
  // capital. 28 symbols: 16 of them are about 77 bits.
  static constexpr std::string_view kAlphabet = "347ACEFHJKLMNPRTWXYabdefhnrt";
  std::string password(16, ' ');
  for (auto& c : password)
    c = kAlphabet[random_below(static_cast<std::uint32_t>(kAlphabet.size()))];
  return password;
}

}  // namespace hersys::crypto
