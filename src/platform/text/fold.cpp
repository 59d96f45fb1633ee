#include "platform/text/fold.h"

#include "platform/text/utf8.h"

namespace hersys::text {
namespace {

// Half-width katakana U+FF61..U+FF9F, in order, as their full-width forms (JIS X 0201).
constexpr char32_t kHalfWidthKana[] = {
    U'。', U'「', U'」', U'、', U'・', U'ヲ', U'ァ', U'ィ', U'ゥ', U'ェ', U'ォ', U'ャ', U'ュ',
    U'ョ', U'ッ', U'ー', U'ア', U'イ', U'ウ', U'エ', U'オ', U'カ', U'キ', U'ク', U'ケ', U'コ',
    U'サ', U'シ', U'ス', U'セ', U'ソ', U'タ', U'チ', U'ツ', U'テ', U'ト', U'ナ', U'ニ', U'ヌ',
    U'ネ', U'ノ', U'ハ', U'ヒ', U'フ', U'ヘ', U'ホ', U'マ', U'ミ', U'ム', U'メ', U'モ', U'ヤ',
    U'ユ', U'ヨ', U'ラ', U'リ', U'ル', U'レ', U'ロ', U'ワ', U'ン', U'゛', U'゜'};
static_assert(std::size(kHalfWidthKana) == 0xFF9F - 0xFF61 + 1);

constexpr char32_t kVoicedMark = 0xFF9E;      // ﾞ
constexpr char32_t kSemiVoicedMark = 0xFF9F;  // ﾟ
constexpr char32_t kCombiningVoiced = 0x3099;
constexpr char32_t kCombiningSemiVoiced = 0x309A;

// カ..チ and ハ..ホ take a voiced mark as the next code point (ガ = カ + 1); ツ, テ and ト come
// after the small ッ, and ウ, ワ and ヲ have their voiced letters elsewhere.
char32_t voiced(char32_t base) {
  const bool ka_to_chi = base >= U'カ' && base <= U'チ' && (base - U'カ') % 2 == 0;
  const bool ha_to_ho = base >= U'ハ' && base <= U'ホ' && (base - U'ハ') % 3 == 0;
  if (ka_to_chi || ha_to_ho) return base + 1;
  if (base == U'ツ') return U'ヅ';
  if (base == U'テ') return U'デ';
  if (base == U'ト') return U'ド';
  if (base == U'ウ') return U'ヴ';
  if (base == U'ワ') return U'ヷ';
  if (base == U'ヲ') return U'ヺ';
  return 0;
}

char32_t semi_voiced(char32_t base) {
  const bool ha_to_ho = base >= U'ハ' && base <= U'ホ' && (base - U'ハ') % 3 == 0;
  return ha_to_ho ? base + 2 : 0;
}

bool is_dash(char32_t cp) {
  return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x30FC || cp == 0xFF70;
}

}  // namespace

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\u3000'; }

std::string half_width(std::string_view text) {
  std::u32string out;
  for (char32_t cp : decode(text)) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      cp -= 0xFF01 - 0x21;
    } else if (cp == 0x3000) {
      cp = U' ';
    } else if (is_dash(cp)) {
      cp = U'-';
    }
    out.push_back(cp);
  }
  const auto first = out.find_first_not_of(U' ');
  if (first == std::u32string::npos) return {};
  const auto last = out.find_last_not_of(U' ');
  return encode(std::u32string_view(out).substr(first, last - first + 1));
}

std::string to_katakana(std::string_view text) {
  std::u32string out;
  for (char32_t cp : decode(text)) {
    if (cp >= 0xFF61 && cp <= 0xFF9F) {
      const bool mark = cp == kVoicedMark || cp == kSemiVoicedMark;
      if (mark && !out.empty()) {
        const char32_t joined = cp == kVoicedMark ? voiced(out.back()) : semi_voiced(out.back());
        if (joined) {
          out.back() = joined;
          continue;
        }
      }
      cp = kHalfWidthKana[cp - 0xFF61];
    } else if ((cp == kCombiningVoiced || cp == kCombiningSemiVoiced) && !out.empty()) {
      const char32_t joined = cp == kCombiningVoiced ? voiced(out.back()) : semi_voiced(out.back());
      if (joined) {
        out.back() = joined;
        continue;
      }
    } else if ((cp >= 0x3041 && cp <= 0x3096) || cp == 0x309D || cp == 0x309E) {
      cp += 0x60;  // hiragana (and its iteration marks ゝゞ) -> katakana
    }
    out.push_back(cp);
  }
  return encode(out);
}

}  // namespace hersys::text
