#include "platform/csv/csv.h"

#include <gtest/gtest.h>

namespace hersys::csv {
namespace {

TEST(Csv, ReadsWhatSpreadsheetsWrite) {
  const auto rows = parse(
      "\xEF\xBB\xBForganisation_code,login_id,display_name\r\n"
      "MI13-00001,,\"受付, 1\"\r\n"
      "\r\n"
      "MI13-00002,clinic02,\"He said \"\"hi\"\"\nsecond line\"\n"
      "a,\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (Row{"organisation_code", "login_id", "display_name"}));
  EXPECT_EQ(rows[1], (Row{"MI13-00001", "", "受付, 1"}));
  EXPECT_EQ(rows[2], (Row{"MI13-00002", "clinic02", "He said \"hi\"\nsecond line"}));
  EXPECT_EQ(rows[3], (Row{"a", ""}));
}

TEST(Csv, RefusesBrokenQuotesWithTheLine) {
  try {
    parse("a,b\nc,\"open\n");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line(), 2u);
  }
  EXPECT_THROW(parse("\"a\"b,c\n"), ParseError);
}

TEST(Csv, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(quote("plain"), "plain");
  EXPECT_EQ(quote("a,b"), "\"a,b\"");
  EXPECT_EQ(quote("say \"x\""), "\"say \"\"x\"\"\"");
}

// issue 14 (CASE-6 CSV): a cell a spreadsheet would run as a formula is shown as text.
TEST(Csv, SpreadsheetCellsNeverRunAsFormulas) {
  EXPECT_EQ(spreadsheet_cell("=1+1"), "'=1+1");
  EXPECT_EQ(spreadsheet_cell("+81 3"), "'+81 3");
  EXPECT_EQ(spreadsheet_cell("-2"), "'-2");
  EXPECT_EQ(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(spreadsheet_cell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  EXPECT_EQ(spreadsheet_cell("山田 太郎"), "山田 太郎");
  EXPECT_EQ(spreadsheet_cell("a=b"), "a=b");
}

}  // namespace
}  // namespace hersys::csv

namespace hersys::csv {

// Issue 14 item 3 (ORG-2): Excel in Japan saves "CSV" as Shift_JIS; UTF-8 passes unchanged.
TEST(Csv, ReadsShiftJisAsExcelSavesIt) {
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF"
                    "a,b\n")
                .value(),
            "\xEF\xBB\xBF"
            "a,b\n");
  EXPECT_EQ(to_utf8("受付,係\n").value(), "受付,係\n");
  // 受付 in CP932: 8E F3 95 74.
  EXPECT_EQ(to_utf8("x,\x8E\xF3\x95\x74\r\n").value(), "x,受付\r\n");
  EXPECT_FALSE(to_utf8("\x81").has_value());  // a lead byte without its trail
}

}  // namespace hersys::csv
