#include "platform/csv/csv.h"

#include <iconv.h>

#include <cerrno>

#include "platform/text/utf8.h"

namespace hersys::csv {

std::optional<std::string> to_utf8(std::string_view bytes) {
  if (text::utf8_length(bytes)) return std::string(bytes);
  iconv_t cd = iconv_open("UTF-8", "CP932");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string in(bytes);
  std::string out(in.size() * 3 + 16, '\0');  // a CP932 character is at most 3 bytes in UTF-8
  char* src = in.data();
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  const size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1) || src_left != 0) return std::nullopt;
  out.resize(out.size() - dst_left);
  if (!text::utf8_length(out)) return std::nullopt;
  return out;
}

std::vector<Row> parse(std::string_view text, std::vector<size_t>* lines) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string field;
  size_t line = 1;
  size_t i = 0;
  bool at_field_start = true;  // quotes open a field only here
  bool row_has_content = false;
  size_t row_line = 1;
  auto end_row = [&] {
    if (row_has_content) {
      row.push_back(std::move(field));
      rows.push_back(std::move(row));
      if (lines) lines->push_back(row_line);
    }
    row.clear();
    field.clear();
    at_field_start = true;
    row_has_content = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (!row_has_content && row.empty() && field.empty()) row_line = line;
    if (c == '"' && at_field_start) {
      const size_t opened = line;
      ++i;
      while (true) {
        if (i >= text.size()) throw ParseError("unterminated quoted field", opened);
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      at_field_start = false;
      row_has_content = true;
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        throw ParseError("text after a closing quote", line);
      }
      continue;
    }
    if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      at_field_start = true;
      row_has_content = true;  // a row "a," has an empty last field
      ++i;
    } else if (c == '\r' || c == '\n') {
      end_row();
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++line;
    } else {
      field += c;
      at_field_start = false;
      row_has_content = true;
      ++i;
    }
  }
  end_row();
  return rows;
}

std::string quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string spreadsheet_cell(std::string_view field) {
  if (!field.empty() &&
      std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
    return quote("'" + std::string(field));
  }
  return quote(field);
}

}  // namespace hersys::csv
