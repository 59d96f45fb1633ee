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

TEST(Crypto, ConstantTimeEquality) {
  EXPECT_TRUE(equal_constant_time("secret", "secret"));
  EXPECT_FALSE(equal_constant_time("secret", "secreT"));
  EXPECT_FALSE(equal_constant_time("secret", "secrets"));
}

}  // namespace hersys::crypto
