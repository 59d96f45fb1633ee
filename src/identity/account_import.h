#pragma once
// Accounts in bulk from a CSV file (SPEC ORG-2, issue 14 item 3): one reader for the operator's
// `hersys admin import-accounts` and the issuer's screen (POST /api/v1/accounts/import), so
// each rule of the file is written once. Checking the rows against the database and issuing
// them (all or none) is Administration::issue_many / import_accounts.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "identity/administration.h"

namespace hersys::identity {

// What one import may hold: a ward's or a health center's staff at once. Each row's initial
// password is hashed with argon2id (0.08-0.1 s each, on half the cores): 200 rows took 15-23 s
// on a 2-core machine, 100 keep a request under about 8 s there (issue 14 item 3,
// docs/performance.md). More is refused by name ("file", too_many): split the file.
inline constexpr size_t kMaxImportRows = 100;
inline constexpr size_t kMaxImportBytes = 256 * 1024;

// The first line of a file: these names, or the Japanese ones (機関コード,ログインID,表示名,権限).
inline constexpr std::string_view kImportHeader = "organisation_code,login_id,display_name,role";

struct ImportFile {
  std::vector<BulkAccount> rows;  // those that could be read (a short row is left out)
  // "file", or "row N: <field>" (N is the line where the row starts, the header line 1)
  FieldErrors errors;
  // A problem of the whole file (encoding, header, size, an unclosed quote): no row was read.
  bool unreadable() const {
    return std::any_of(errors.begin(), errors.end(), [](const FieldError& e) {
      return e.field == "file" || e.code == "unclosed_quote";
    });
  }
};

// The rows of an import file: UTF-8 with or without a byte-order mark, or Shift_JIS (CP932) as
// Excel saves it; full-width letters and digits of codes and login ids folded. Every problem of
// the file's shape is named by row and field, in Japanese and English. An empty organisation
// code is `default_code` (the organisation chosen on the screen), or an error when that is
// empty too (the CLI). An empty role is staff; 一般 and 管理者 are read as staff and admin.
ImportFile read_account_csv(std::string_view bytes, const std::string& default_code = {});

// "row N: " - the prefix of a row's field errors; N is the row's line in the file (from 1,
// the header's), as Excel and text editors number it.
std::string row_prefix(size_t line);

// `message` with the value it is about appended: 「…（boss）。」 / "… (boss)." - only for
// values that are not secret (codes, login ids, roles).
Text with_value(Text message, std::string_view value);

}  // namespace hersys::identity
