#pragma once
// CSV (RFC 4180) as spreadsheets save it: quoted fields with "" escapes and line breaks,
// CRLF or LF, and a UTF-8 byte-order mark at the start (Excel's "CSV UTF-8").
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

// Every row, blank lines skipped. Throws ParseError on an unterminated quote or text after
// a closing quote.
std::vector<Row> parse(std::string_view text);

// One field, quoted when it needs to be.
std::string quote(std::string_view field);

// One field of a file for spreadsheets: quoted, and a text starting with = + - @ (or a tab or
// carriage return) prefixed with ' so that Excel shows it as text and never runs a formula.
std::string spreadsheet_cell(std::string_view field);

}  // namespace hersys::csv
