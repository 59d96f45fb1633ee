#pragma once
// The cryptographic primitives hersys uses, all from libsodium (audited; no hand-written
// crypto). Thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

namespace hersys::crypto {

// BLAKE2b with a 256-bit output, as 64 lowercase hex digits.
std::string hash_hex(std::string_view data);

// `n` bytes from the operating system's CSPRNG.
std::string random_bytes(size_t n);

// `n` random bytes as 2n lowercase hex digits (tokens, ids that must not be guessable).
std::string random_hex(size_t n);

// A uniformly random integer in [0, upper) (upper > 0).
std::uint32_t random_below(std::uint32_t upper);
// `n` uniformly random decimal digits (numbers people read out or type).
std::string random_digits(size_t n);

std::string to_hex(std::string_view bytes);
// The bytes of hex digits written by to_hex; decoding stops at the first non-hex character.
std::string from_hex(std::string_view hex);

// Equality that takes the same time wherever the inputs differ (for secrets and their hashes).
bool equal_constant_time(std::string_view a, std::string_view b);

// AUTH-1: argon2id (libsodium crypto_pwhash_str, "interactive" limits: 64 MiB, 2 passes) with a
// random salt, in the self-describing "$argon2id$..." form. Slow on purpose (~0.1 s): call it on
// a worker thread, never on an I/O thread.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& stored_hash, std::string_view password);

// An initial password for a newly issued account: 16 characters from an alphabet without
// look-alikes (no 0/O/o, 1/l/I, 2/Z, 5/S, 8/B, 9/g/q, u/v, c/C …), about 77 bits.
std::string initial_password();

}  // namespace hersys::crypto
