// The shared rules' answers for dates out of range (issue 19 item 11).
#include <gtest/gtest.h>

#include "platform/validation/checker.h"
#include "platform/validation/field_errors.h"

namespace hersys {

TEST(Checker, NamesADateOutOfRangeApartFromNoDate) {
  using std::chrono::year;
  Checker c(year{2026} / 11 / 29);
  EXPECT_FALSE(c.date("birth_date", "0000-01-01"));
  EXPECT_FALSE(c.any_date("deadline", "2101-01-01"));
  EXPECT_FALSE(c.any_date("onset_date", "2026-02-30"));
  EXPECT_TRUE(c.date("entry_date", "1868-10-23"));
  const auto errors = c.take();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].code, "date_out_of_range");
  EXPECT_EQ(errors[0].message.ja, "1868-10-23 から 2100-12-31 までの日付を入力してください。");
  EXPECT_EQ(errors[0].message.en, "Enter a date from 1868-10-23 to 2100-12-31.");
  EXPECT_EQ(errors[1].code, "date_out_of_range");
  EXPECT_EQ(errors[2].code, "invalid_date");
  // issue 14 item 10: said as the year / month / day boxes hold it.
  EXPECT_EQ(errors[2].message.ja, "存在しない日付です（2026年2月30日）。");
  EXPECT_EQ(errors[2].message.en, "There is no such date (2026/02/30).");
}

TEST(Checker, NamesAPartlyTypedDateAndAnUnreadableOne) {  // issue 14 item 10
  using std::chrono::year;
  Checker c(year{2026} / 11 / 29);
  EXPECT_FALSE(c.any_date("onset_date", "2026-11-"));
  EXPECT_FALSE(c.any_date("onset_date", "2026-13-01"));
  EXPECT_FALSE(c.any_date("onset_date", "yesterday"));
  const auto errors = c.take();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].message.ja, "年・月・日をすべて入力してください。");
  EXPECT_EQ(errors[1].message.en, "Enter a real date as year, month and day (e.g. 2026/11/29).");
  EXPECT_EQ(errors[2].code, "invalid_date");
}

TEST(FieldErrors, ControlCharacterIsNamedInBothLanguages) {
  const auto e = field_errors::control_character("patient.name");
  EXPECT_EQ(e.field, "patient.name");
  EXPECT_EQ(e.code, "control_character");
  EXPECT_NE(e.message.ja.find("制御文字"), std::string::npos);
  EXPECT_NE(e.message.en.find("Control characters"), std::string::npos);
}

}  // namespace hersys
