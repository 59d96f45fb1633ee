#include "platform/crypto/crypto.h"

#include <gtest/gtest.h>

#include <set>

namespace hersys::crypto {

TEST(Crypto, HashIsBlake2b256) {
  // RFC 7693 / libsodium: BLAKE2b-256 of the empty string.
  EXPECT_EQ(hash_hex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(hash_hex("abc").size(), 64u);
  EXPECT_NE(hash_hex("abc"), hash_hex("abd"));
}

TEST(Crypto, RandomValuesDifferAndStayInRange) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(random_hex(16));
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(random_hex(16).size(), 32u);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(random_below(10), 10u);
}

TEST(Crypto, HexRoundTrip) {
  const std::string bytes("\x00\x01\xfe\xff", 4);
  EXPECT_EQ(to_hex(bytes), "0001feff");
  EXPECT_EQ(from_hex(to_hex(bytes)), bytes);
  EXPECT_EQ(from_hex(""), "");
}

TEST(Crypto, ConstantTimeEquality) {
  EXPECT_TRUE(equal_constant_time("secret", "secret"));
  EXPECT_FALSE(equal_constant_time("secret", "secreT"));
  EXPECT_FALSE(equal_constant_time("secret", "secrets"));
}

TEST(Passwords, HashAndVerifyWithArgon2id) {
  const auto hash = hash_password("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_NE(hash, hash_password("correct horse battery"));  // salted
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password(hash, "correct horse battery "));  // no truncation, no trimming
  EXPECT_FALSE(verify_password("not a hash", "x"));
}

TEST(Passwords, InitialPasswordsAreLongAndUnambiguous) {
  const auto p = initial_password();
  EXPECT_EQ(p.size(), 16u);
  EXPECT_EQ(p.find_first_of("0Oo1lIij2Zz5Ss8B9gquvUV"), std::string::npos);  // issue 19 item 26
  EXPECT_NE(p, initial_password());
}

}  // namespace hersys::crypto
