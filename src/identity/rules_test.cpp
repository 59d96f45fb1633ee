#include "identity/rules.h"

#include <gtest/gtest.h>

#include <map>

namespace hersys::identity {
namespace {
using namespace std::chrono;
using namespace std::chrono_literals;

const Clock::time_point kNow = sys_days{year{2026} / 11 / 21} + 10h;
const std::string kSecret = "12345678901234567890";  // RFC 6238 appendix B

}  // namespace

TEST(Password, PolicyAndMessages) {
  EXPECT_TRUE(validate_new_password("a good long passphrase", "clinic01").empty());
  EXPECT_TRUE(
      validate_new_password("日本語のパスワードです十二", "clinic01").empty());  // 13 code points

  auto short_one = validate_new_password("short", "clinic01");
  ASSERT_EQ(short_one.size(), 1u);
  EXPECT_EQ(short_one[0].field, "new_password");
  EXPECT_EQ(short_one[0].code, "too_short");
  EXPECT_EQ(short_one[0].message.ja, "パスワードは12文字以上にしてください。");
  EXPECT_EQ(validate_new_password("日本語のパスワード", "x")[0].code, "too_short");  // 9 < 12
  EXPECT_EQ(validate_new_password(std::string(129, 'a') + "b", "x")[0].code, "too_long");
  EXPECT_TRUE(validate_new_password(std::string(127, 'a') + "b", "x").empty());  // no truncation
  EXPECT_EQ(validate_new_password("clinic01clinic01", "clinic01clinic01")[0].code,
            "same_as_login_id");
  EXPECT_EQ(validate_new_password("aaaaaaaaaaaaaa", "x")[0].code, "too_simple");
  EXPECT_EQ(validate_new_password("\xff\xfe invalid utf-8 text", "x")[0].code, "invalid_text");
}

TEST(Lockout, StartsAtTheThresholdAndBacksOffToADay) {
  EXPECT_EQ(lockout_after(4), 0min);
  EXPECT_EQ(lockout_after(5), 15min);
  EXPECT_EQ(lockout_after(6), 30min);
  EXPECT_EQ(lockout_after(7), 60min);
  EXPECT_EQ(lockout_after(50), 24h);
}

TEST(Session, IdleAndAbsoluteTimeouts) {
  EXPECT_FALSE(session_expired(kNow, kNow, kNow + 29min));
  EXPECT_TRUE(session_expired(kNow, kNow, kNow + 30min));
  EXPECT_FALSE(session_expired(kNow, kNow + 11h + 50min, kNow + 11h + 59min));
  EXPECT_TRUE(session_expired(kNow, kNow + 11h + 50min, kNow + 12h));
}

TEST(Totp, Rfc6238TestVectors) {
  // RFC 6238 appendix B, SHA-1, truncated to 6 digits.
  EXPECT_EQ(totp_code(kSecret, sys_seconds{59s}), "287082");
  EXPECT_EQ(totp_code(kSecret, sys_seconds{1111111109s}), "081804");
  EXPECT_EQ(totp_code(kSecret, sys_seconds{1234567890s}), "005924");
}

TEST(Totp, AcceptsCurrentAndNeighbourStepsOnceOnly) {
  const auto code = totp_code(kSecret, kNow);
  auto step = verify_totp(kSecret, code, kNow, 0);
  ASSERT_TRUE(step);
  EXPECT_FALSE(verify_totp(kSecret, code, kNow, *step));    // used: refused
  EXPECT_TRUE(verify_totp(kSecret, code, kNow + 30s, 0));   // one step of drift
  EXPECT_FALSE(verify_totp(kSecret, code, kNow + 90s, 0));  // too late
  EXPECT_FALSE(verify_totp(kSecret, "12345", kNow, 0));     // malformed
  EXPECT_FALSE(verify_totp(kSecret, "12345a", kNow, 0));
  EXPECT_FALSE(verify_totp("another secret 12345", code, kNow, 0));
}

TEST(Totp, OtpauthUri) {
  EXPECT_EQ(otpauth_uri(kSecret, "clinic01"),
            "otpauth://totp/HER-SYS:clinic01?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=HER-SYS&algorithm=SHA1&digits=6&period=30");
}

// ORG-1: an organisation's record, checked with the shared kit (platform/validation): the same
// words and the same e-mail rule as every other form.
TEST(Organisation, EveryWrongFieldIsNamedOnce) {
  Organisation o;
  o.kind = OrganisationKind::medical_institution;
  o.name = "府中\n内科";
  o.address = std::string(201, 'a');
  o.email = "clinic@example";
  o.prefecture_code = "48";
  o.municipality_code = "1234";
  o.code = "mi-1";
  o.phone = "0990-444-444";  // premium rate: not an institution's number (issue 14 item 1)
  o.contact_person = "事務\t長";
  std::map<std::string, std::string> codes;
  for (const auto& e : validate_organisation(o)) codes[e.field] += e.code;
  EXPECT_EQ(codes,
            (std::map<std::string, std::string>{{"name", "invalid_text"},
                                                {"address", "too_long"},
                                                {"email", "invalid_email"},
                                                {"prefecture_code", "invalid_prefecture"},
                                                {"municipality_code", "invalid_municipality"},
                                                {"code", "invalid_code"},
                                                {"phone", "invalid_phone"},
                                                {"contact_person", "invalid_text"}}));
  o = Organisation{};
  o.kind = OrganisationKind::ministry;
  o.prefecture_code = "00";
  codes.clear();
  for (const auto& e : validate_organisation(o)) codes[e.field] += e.code;
  EXPECT_EQ(codes, (std::map<std::string, std::string>{{"name", "required"},
                                                       {"address", "required"},
                                                       {"email", "required"},
                                                       {"phone", "required"},
                                                       {"contact_person", "required"}}));
  EXPECT_TRUE(validate_display_name("××病棟2").empty());
  EXPECT_EQ(validate_display_name("").at(0).message.en, "This field is required.");
}

TEST(Stages, AfterThePasswordStep) {
  Account a;
  a.must_change_password = true;
  EXPECT_EQ(stage_after_password(a), Stage::password_change);
  a.must_change_password = false;
  EXPECT_EQ(stage_after_password(a), Stage::second_factor_enrolment);
  a.totp_enrolled = true;
  EXPECT_EQ(stage_after_password(a), Stage::second_factor);
  for (auto s : {Stage::password_change, Stage::second_factor_enrolment, Stage::second_factor,
                 Stage::active}) {
    EXPECT_EQ(parse_name<Stage>(name_of(s)), s);
  }
  EXPECT_EQ(parse_name<OrganisationKind>("health_center"), OrganisationKind::health_center);
  EXPECT_EQ(parse_name<OrganisationKind>("hospital"), std::nullopt);
}

}  // namespace hersys::identity
