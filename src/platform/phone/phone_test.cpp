// Japanese phone numbers (SPEC AUTH-2, NTF-2): SMS only to mobile numbers, voice to any
// callable Japanese number, nothing doubtful accepted.
#include "platform/phone/phone.h"

#include <gtest/gtest.h>

namespace hersys::phone {
namespace {

TEST(Phone, AcceptsTheWaysPeopleWriteNumbers) {
  for (auto input : {"090-1234-5678", "09012345678", "+81 90 1234 5678", "+819012345678",
                     "090 1234 5678", "０９０－１２３４－５６７８", "(090)1234-5678"}) {
    const auto n = parse(input);
    ASSERT_TRUE(n) << input;
    EXPECT_EQ(n->national, "09012345678") << input;
    EXPECT_EQ(n->e164, "+819012345678");
    EXPECT_EQ(n->kind, Kind::mobile);
    EXPECT_TRUE(n->receives_sms());
    EXPECT_EQ(display(*n), "090-1234-5678");
  }
}

TEST(Phone, KindsDecideSms) {
  EXPECT_EQ(parse("070-1234-5678")->kind, Kind::mobile);
  EXPECT_EQ(parse("080-1234-5678")->kind, Kind::mobile);
  EXPECT_EQ(parse("050-1234-5678")->kind, Kind::ip);
  EXPECT_FALSE(parse("050-1234-5678")->receives_sms());
  const auto tokyo = parse("03-1234-5678");
  ASSERT_TRUE(tokyo);
  EXPECT_EQ(tokyo->kind, Kind::landline);
  EXPECT_FALSE(tokyo->receives_sms());
  EXPECT_EQ(tokyo->e164, "+81312345678");
  EXPECT_EQ(display(*tokyo), "03-1234-5678");
  EXPECT_EQ(display(*parse("0466-12-3456")), "0466123456");
}

TEST(Phone, RefusesWhatCannotBeReached) {
  for (auto input :
       {"", "090-1234-567", "090-1234-56789", "0120-123-456", "0570-123-456", "0800-123-4567",
        "020-1234-5678", "0990-123-456", "1234567890", "+1 415 555 0100", "090-1234-567a",
        "00-1234-5678", "+8109012345678", "090+12345678"}) {
    EXPECT_FALSE(parse(input)) << input;
  }
}

// issue 14 walk item 18 (ORG-1): an institution's 代表番号 may be free dial or navi dial - a
// number to call, never one to text - but not premium, M2M or a short number.
TEST(Phone, ContactNumbersIncludeFreeDialAndNaviDial) {
  for (auto input : {"0120-123-456", "０１２０－１２３－４５６", "0800-123-4567", "0570-123-456",
                     "03-1234-5678", "090-1234-5678", "050-1234-5678"}) {
    EXPECT_TRUE(is_contact_number(input)) << input;
  }
  for (auto input : {"", "0120-123-45", "0800-123-456", "0570-123-4567", "0990-123-456",
                     "020-1234-5678", "0180-123-456", "+1 415 555 0100", "0120-abc-456"}) {
    EXPECT_FALSE(is_contact_number(input)) << input;
  }
}

}  // namespace
}  // namespace hersys::phone
