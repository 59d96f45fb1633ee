#include "cases/export.h"

#include "cases/scope.h"
#include "platform/csv/csv.h"
#include "platform/time/format.h"

namespace hersys::cases {
namespace {

Text label(Sex value) {
  switch (value) {
    case Sex::male: return {"男", "Male"};
    case Sex::female: return {"女", "Female"};
  }
  return {};
}

Text label(Status value) {
  switch (value) {
    case Status::home: return {"自宅療養中", "At home"};
    case Status::lodging: return {"宿泊療養中", "In a lodging facility"};
    case Status::hospital: return {"入院中", "In hospital"};
    case Status::awaiting_admission: return {"入院調整中", "Awaiting admission"};
    case Status::released: return {"療養解除", "Released"};
    case Status::dead: return {"死亡", "Died"};
    case Status::unknown: return {"不明", "Unknown"};
  }
  return {};
}

Text label(Confirmation value) {
  switch (value) {
    case Confirmation::unconfirmed: return {"未確認", "Not confirmed"};
    case Confirmation::confirmed: return {"確認済", "Confirmed"};
  }
  return {};
}

}  // namespace

std::string patients_csv(const SearchPage& page, Language language, Day today) {
  const bool ja = language == Language::ja;
  const auto in = [ja](const Text& text) { return ja ? text.ja : text.en; };
  std::string out = "\xEF\xBB\xBF";
  const auto line = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      out += (i ? "," : "") + csv::spreadsheet_cell(cells[i]);
    }
    out += "\r\n";
  };
  line(ja ? std::vector<std::string>{"HER-SYS ID", "氏名", "フリガナ", "性別", "生年月日", "年齢",
                                     "報告日", "現在のステータス", "担当保健所", "報告機関",
                                     "保健所確認"}
          : std::vector<std::string>{"HER-SYS ID", "Name", "Kana", "Sex", "Date of birth", "Age",
                                     "Reported on", "Current status", "Responsible health center",
                                     "Reporting institution", "Health center confirmation"});
  for (const auto& p : page.patients) {
    const auto birth = parse_iso_date(p.birth_date);
    line({p.hersys_id, p.name, p.kana, p.sex ? in(label(*p.sex)) : "", p.birth_date,
          birth ? std::to_string(age_on(*birth, today)) : "", p.reported_on,
          p.status ? in(label(*p.status)) : in({"未入力", "Not entered"}),
          p.responsible_health_center_name, p.reporter_name,
          p.confirmation ? in(label(*p.confirmation)) : ""});
  }
  return out;
}

}  // namespace hersys::cases
