#include "platform/errors.h"

#include <cctype>
#include <charconv>

namespace hersys {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool starts_with_tag(std::string_view range, std::string_view tag) {
  if (range.size() < tag.size()) return false;
  for (size_t i = 0; i < tag.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(range[i])) != tag[i]) return false;
  }
  return range.size() == tag.size() || range[tag.size()] == '-';
}

// The q value of one Accept-Language element ("en-US;q=0.8"); 1 when absent, 0 when malformed.
double quality(std::string_view params) {
  params = trim(params);
  if (params.empty()) return 1.0;
  if (params.size() < 3 || (params[0] != 'q' && params[0] != 'Q') || params[1] != '=') return 0;
  double q = 0;
  auto value = params.substr(2);
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
  if (ec != std::errc() || end != value.data() + value.size() || q < 0 || q > 1) return 0;
  return q;
}

}  // namespace

Problem& Problem::with(std::string member, nlohmann::json value) {
  extensions_[std::move(member)] = std::move(value);
  return *this;
}

Problem& Problem::retry_after(int seconds) {
  retry_after_ = seconds;
  return *this;
}

Problem& Problem::log_detail(std::string detail) {
  detail_ = std::move(detail);
  return *this;
}

Problem Problem::bad_request() {
  return {ProblemKind::bad_request,
          "bad_request",
          {"リクエストの形式が正しくありません。", "The request is malformed."}};
}
Problem Problem::not_found() {
  return {ProblemKind::not_found,
          "not_found",
          {"お探しのページまたはデータは見つかりません。", "Not found."}};
}
Problem Problem::unauthenticated() {
  return {ProblemKind::unauthenticated,
          "unauthenticated",
          {"サインインしてください。", "Please sign in."}};
}
Problem Problem::forbidden() {
  return {ProblemKind::forbidden,
          "forbidden",
          {"この操作を行う権限がありません。", "You are not allowed to do this."}};
}
Problem Problem::busy() {
  return Problem(ProblemKind::unavailable, "busy",
                 {"混み合っています。しばらくしてから再度お試しください。",
                  "The server is busy. Please try again shortly."})
      .retry_after(1);
}
Problem Problem::unavailable() {
  return {ProblemKind::unavailable,
          "unavailable",
          {"現在サービスを利用できません。", "The service is unavailable."}};
}
Problem Problem::internal() {
  return {ProblemKind::internal,
          "internal_error",
          {"サーバー内部でエラーが発生しました。時間をおいて再度お試しください。",
           "An internal error occurred. Please try again later."}};
}
Problem Problem::invalid(FieldErrors errors) {
  return {ProblemKind::invalid,
          "invalid_fields",
          {"入力内容に誤りがあります。", "Some fields are invalid."},
          std::move(errors)};
}
Problem Problem::changed_meanwhile() {
  return {ProblemKind::conflict,
          "changed_meanwhile",
          {"他の人が先に更新しました。画面を開き直してから、もう一度入力してください。",
           "Someone else changed this first. Reopen it and enter your change again."}};
}

Language negotiate_language(std::string_view header) {
  double best_ja = -1, best_en = -1;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto semi = element.find(';');
    auto range = trim(element.substr(0, semi));
    double q = semi == std::string_view::npos ? 1.0 : quality(element.substr(semi + 1));
    if (q <= 0) continue;
    if (starts_with_tag(range, "ja")) best_ja = std::max(best_ja, q);
    if (starts_with_tag(range, "en")) best_en = std::max(best_en, q);
  }
  return best_en > best_ja ? Language::en : Language::ja;
}

}  // namespace hersys
