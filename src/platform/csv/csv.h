#pragma once
// CSV (RFC 4180) as spreadsheets save it: quoted fields with "" escapes and line breaks,
// CRLF or LF, and a UTF-8 byte-order mark at the start (Excel's "CSV UTF-8").
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hersys::csv {

using Row = std::vector<std::string>;

class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& message, size_t line)
      : std::runtime_error(message + " (line " + std::to_string(line) + ")"), line_(line) {}
  size_t line() const { return line_; }

 private:
  size_t line_;
};

// Every row, blank lines skipped. Throws ParseError on an unterminated quote (naming the line
// where the quoted field started) or text after a closing quote. `lines`, when given, gets the
// line (from 1) on which each row starts, as a text editor or Excel numbers them: a quoted
// field may hold line breaks (issue 14, walk item 13).
std::vector<Row> parse(std::string_view text, std::vector<size_t>* lines = nullptr);

// A file's bytes as UTF-8 text: UTF-8 (with or without a byte-order mark, which is kept for
// parse() to skip) as it is, otherwise read as Shift_JIS (CP932, as Excel saves "CSV" in Japan)
// through glibc's iconv. nullopt when it is neither.
std::optional<std::string> to_utf8(std::string_view bytes);

// One field, quoted when it needs to be.
std::string quote(std::string_view field);

// One field of a file for spreadsheets: quoted, and a text starting with = + - @ (or a tab or
// carriage return) prefixed with ' so that Excel shows it as text and never runs a formula.
std::string spreadsheet_cell(std::string_view field);

}  // namespace hersys::csv
