#include "identity/account_import.h"

#include "platform/csv/csv.h"
#include "platform/text/fold.h"
#include "platform/text/utf8.h"

namespace hersys::identity {
namespace {

// The header, in English or Japanese, each name trimmed.
bool is_header(const csv::Row& row) {
  static const std::vector<std::string> en{"organisation_code", "login_id", "display_name", "role"};
  static const std::vector<std::string> ja{"機関コード", "ログインID", "表示名", "権限"};
  if (row.size() != en.size()) return false;
  csv::Row names;
  for (const auto& r : row) {  // trimmed only: half_width would turn コード's ー into "-"
    const auto first = r.find_first_not_of(" \t");
    const auto last = r.find_last_not_of(" \t");
    names.push_back(first == std::string::npos ? "" : r.substr(first, last - first + 1));
  }
  return names == en || names == ja;
}

std::optional<Role> role_of(const std::string& typed) {
  const auto text = text::half_width(typed);
  if (text.empty() || text == "一般") return Role::staff;
  if (text == "管理者") return Role::admin;
  return parse_name<Role>(text);
}

FieldError file_error(Text message) { return {"file", "invalid_file", std::move(message)}; }

}  // namespace

std::string row_prefix(size_t line) { return "row " + std::to_string(line) + ": "; }

// A message with the typed value that it is about (not secret: a code, a login id, a role), so
// that the user finds the line (issue 14, walk item 13).
Text with_value(Text message, std::string_view value) {
  if (value.empty()) return message;
  auto trimmed = [](std::string text) {
    while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
    return text;
  };
  const std::string_view maru = "。";
  if (message.ja.ends_with(maru)) message.ja.resize(message.ja.size() - maru.size());
  message.ja += "（" + std::string(value) + "）。";
  message.en = trimmed(message.en) + " (" + std::string(value) + ").";
  return message;
}

ImportFile read_account_csv(std::string_view bytes, const std::string& default_code) {
  ImportFile file;
  if (bytes.size() > kMaxImportBytes) {
    file.errors.push_back({"file",
                           "too_large",
                           {"ファイルが大きすぎます（256KBまで）。分けて取り込んでください。",
                            "The file is too large (at most 256 KB). Import it in parts."}});
    return file;
  }
  const auto text = csv::to_utf8(bytes);
  if (!text) {
    file.errors.push_back(
        file_error({"文字コードを読めません。UTF-8 か Shift_JIS で保存してください。",
                    "The file's encoding cannot be read. Save it as UTF-8 or Shift_JIS."}));
    return file;
  }
  std::vector<csv::Row> parsed;
  std::vector<size_t> lines;
  try {
    parsed = csv::parse(*text, &lines);
  } catch (const csv::ParseError& e) {
    // Named by the line where the quoted field started (issue 14, walk item 13).
    const auto line = std::to_string(e.line());
    file.errors.push_back({row_prefix(e.line()) + "file",
                           "unclosed_quote",
                           {line + "行目で始まる引用符（\"）が閉じていません。",
                            "The quote (\") that starts on line " + line + " is not closed."}});
    return file;
  }
  if (parsed.empty() || !is_header(parsed[0])) {
    file.errors.push_back(
        file_error({"1行目は organisation_code,login_id,display_name,role "
                    "（または 機関コード,ログインID,表示名,権限）にしてください。",
                    "The first line must be organisation_code,login_id,display_name,role."}));
    return file;
  }
  if (parsed.size() == 1) {
    file.errors.push_back(file_error({"取り込むアカウントの行がありません。",
                                      "The file has no accounts after its first line."}));
    return file;
  }
  if (parsed.size() - 1 > kMaxImportRows) {
    file.errors.push_back(
        {"file",
         "too_many",
         {"一度に取り込めるのは100件までです。ファイルを分けて取り込んでください。",
          "At most 100 accounts at once. Split the file and import each part."}});
    return file;
  }
  for (size_t i = 1; i < parsed.size(); ++i) {
    // The line a user sees in Excel or an editor: the header is line 1 (walk item 13).
    const auto line = lines[i];
    const auto prefix = row_prefix(line);
    const auto& r = parsed[i];
    if (r.size() != 4) {
      file.errors.push_back({prefix + "file",
                             "field_count",
                             {"項目の数が4つではありません（" + std::to_string(r.size()) + "個）。",
                              "The row has " + std::to_string(r.size()) + " fields, not 4."}});
      continue;
    }
    BulkAccount row;
    row.row = line;
    row.organisation_code = text::half_width(r[0]);
    if (row.organisation_code.empty()) row.organisation_code = default_code;
    if (row.organisation_code.empty()) {
      file.errors.push_back({prefix + "organisation_code",
                             "required",
                             {"機関コードを入力してください。", "Enter the organisation code."}});
    }
    row.account.login_id = text::half_width(r[1]);
    row.account.display_name = r[2];
    const auto role = role_of(r[3]);
    if (!role) {
      file.errors.push_back({prefix + "role", "invalid_choice",
                             with_value({"権限は staff（一般）か admin（管理者）にしてください。",
                                         "The role is staff or admin."},
                                        r[3])});
    }
    row.account.role = role.value_or(Role::staff);
    file.rows.push_back(std::move(row));
  }
  return file;
}

}  // namespace hersys::identity
