#include <gtest/gtest.h>

#include "platform/text/fold.h"
#include "platform/text/utf8.h"

namespace hersys::text {
namespace {

TEST(Utf8, DecodesAndEncodesEveryLength) {
  const std::string text = "aé山🙂";
  EXPECT_EQ(decode(text), (std::u32string{U'a', U'é', U'山', U'🙂'}));
  EXPECT_EQ(encode(decode(text)), text);
  EXPECT_EQ(utf8_length(text), 4u);
  EXPECT_EQ(character_count(text), 4u);
}

// issue 19 item 11: C0 and DEL; a text area's tab and line breaks only where allowed.
TEST(Utf8, ControlCharacters) {
  EXPECT_FALSE(has_control_character("山田 太郎　ﾔﾏﾀﾞ"));
  EXPECT_TRUE(has_control_character(std::string("a\0b", 3)));
  EXPECT_TRUE(has_control_character("a\x1f"));
  EXPECT_TRUE(has_control_character("a\x7f"));
  EXPECT_TRUE(has_control_character("a\tb"));
  EXPECT_TRUE(has_control_character("a\nb"));
  EXPECT_FALSE(has_control_character("a\tb\r\nc", true));
  EXPECT_TRUE(has_control_character(std::string("a\n\0", 3), true));
  EXPECT_TRUE(has_control_character("\x1b[31m", true));
}

TEST(Utf8, InvalidBytesAreReplacedOrRefused) {
  const std::string broken =
      "a\xE5\xB1"
      "b\xFF";  // a cut-off 山, then a byte that starts nothing
  EXPECT_EQ(decode(broken), (std::u32string{U'a', U'\uFFFD', U'\uFFFD', U'b', U'\uFFFD'}));
  EXPECT_EQ(utf8_length(broken), std::nullopt);
  EXPECT_EQ(utf8_length("\xC0\xAF"), std::nullopt);          // an overlong "/"
  EXPECT_EQ(utf8_length("\xE0\x80\xAF"), std::nullopt);      // the same, three bytes
  EXPECT_EQ(utf8_length("\xED\xA0\x80"), std::nullopt);      // a surrogate (U+D800)
  EXPECT_EQ(utf8_length("\xF4\x90\x80\x80"), std::nullopt);  // above U+10FFFF
  EXPECT_EQ(utf8_length("\xF0\x9F\x99\x82"), 1u);            // 🙂 is fine
}

TEST(HalfWidth, FoldsWhatInputMethodsTypeInNumbers) {
  EXPECT_EQ(half_width("０９０－１２３４－５６７８"), "090-1234-5678");
  EXPECT_EQ(half_width("１８３ー００５５"), "183-0055");
  EXPECT_EQ(half_width("183−0055"), "183-0055");  // U+2212 minus sign
  EXPECT_EQ(half_width("２０２６／１１／２９"), "2026/11/29");
  EXPECT_EQ(half_width("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"), "taro@example.jp");
  EXPECT_EQ(half_width("\u3000 ＴＫ１２３４５６７ "), "TK1234567");
  EXPECT_EQ(half_width("山田"), "山田");  // not a number: kept
  EXPECT_EQ(half_width("　"), "");
}

TEST(ToKatakana, FoldsEveryWayAReadingIsTyped) {
  EXPECT_EQ(to_katakana("やまだ たろう"), "ヤマダ タロウ");
  EXPECT_EQ(to_katakana("ﾔﾏﾀﾞ ﾀﾛｳ"), "ヤマダ タロウ");
  EXPECT_EQ(to_katakana("ﾊﾟﾋﾞﾌﾟﾍﾞﾎﾟ"), "パビプベポ");
  EXPECT_EQ(to_katakana("ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ"), "ガギグゲゴザジズゼゾダヂヅデド");
  EXPECT_EQ(to_katakana("ｳﾞｧｲｵﾘﾝ"), "ヴァイオリン");
  EXPECT_EQ(to_katakana("ｯﾞ"), "ッ゛");  // a mark that joins nothing stays a mark
  EXPECT_EQ(to_katakana("ﾞｱ"), "゛ア");
  EXPECT_EQ(to_katakana("ｽｰﾊﾟｰ･ﾏﾝ"), "スーパー・マン");
  EXPECT_EQ(to_katakana("カ\u3099"), "ガ");  // a decomposed (NFD) voiced mark
  EXPECT_EQ(to_katakana("ハ\u309A"), "パ");
  EXPECT_EQ(to_katakana("いすゞ"), "イスヾ");  // iteration marks too
  EXPECT_EQ(to_katakana("山田　Taro"), "山田　Taro");
}

}  // namespace
}  // namespace hersys::text
