#include "daily/json.h"

#include "daily/rules.h"
#include "platform/time/format.h"

namespace hersys::daily {
using nlohmann::json;

json counts_json(const Counts& counts) {
  json j = json::object();
  for (auto b : kBrackets) j[std::string(name_of(b))] = counts[static_cast<size_t>(b)];
  return j;
}

json to_json(const DailyReport& r) {
  json j = {{"id", r.id},
            {"organisation_id", r.organisation_id},
            {"report_date", r.report_date},
            {"state", name_of(r.state)}};
  if (r.state == State::submitted) {
    j["counts"] = counts_json(r.counts);
    j["total"] = r.total;
    j["channel"] = name_of(r.channel);
    j["filed_by_organisation_id"] = r.filed_by_organisation_id.value_or(0);
    j["submitted_at"] = r.submitted_at;
  }
  return j;
}

namespace {
json organisation_json(const identity::Organisation& o) {
  return {{"id", o.id}, {"code", o.code}, {"name", o.name}};
}
}  // namespace

json to_json(const Opened& o) {
  json j = to_json(o.report);
  j["organisation"] = organisation_json(o.organisation);
  j["deadline"] = iso8601_utc(o.deadline);
  j["brackets"] = brackets_json();
  return j;
}

json to_json(const History& h) {
  json reports = json::array();
  for (const auto& r : h.reports) reports.push_back(to_json(r));
  return {{"organisation", organisation_json(h.organisation)},
          {"today", h.today},
          {"done_today", h.done_today},
          {"reports", reports}};
}

json to_json(const Area& a) {
  json days = json::array();
  for (const auto& d : a.days) {
    days.push_back({{"date", d.date},
                    {"counts", counts_json(d.counts)},
                    {"total", d.total},
                    {"reports", d.reports}});
  }
  const auto reporters_json = [](const std::vector<Reporter>& list) {
    json out = json::array();
    for (const auto& m : list) {
      out.push_back({{"id", m.id},
                     {"code", m.code},
                     {"name", m.name},
                     {"phone", m.phone},
                     {"contact_person", m.contact_person}});
    }
    return out;
  };
  const auto missing = reporters_json(a.missing);
  json by_day = json::array();
  for (const auto& d : a.missing_by_day) {
    by_day.push_back(
        {{"date", d.date}, {"missing_count", d.count}, {"missing", reporters_json(d.reporters)}});
  }
  return {{"area", name_of(a.scope.kind)},
          {"from", a.from},
          {"to", a.to},
          {"days", days},
          {"reporters", a.reporters},
          {"missing_on", a.to},
          {"missing", missing},
          {"missing_count", a.missing_count},
          {"missing_by_day", by_day},
          {"brackets", brackets_json()}};
}

json brackets_json() {
  json list = json::array();
  for (auto b : kBrackets) {
    list.push_back({{"name", name_of(b)}, {"ja", label_of(b).ja}, {"en", label_of(b).en}});
  }
  return list;
}

std::array<std::optional<std::int64_t>, kBracketCount> read_counts(const json& request,
                                                                   http::BodyReader& body) {
  std::array<std::optional<std::int64_t>, kBracketCount> counts;
  if (!request.is_object() || !request.contains("counts") || !request["counts"].is_object()) {
    body.add({{"counts",
               "required",
               {"年代別の人数を入力してください。", "Enter the counts by age bracket."}}});
    return counts;
  }
  const auto& given = request["counts"];
  http::BodyReader reader(given, "counts");
  for (auto b : kBrackets) {
    // Range checks are the rule's (validate_counts); here only "a whole number at all".
    const auto* value = given.contains(name_of(b)) ? &given[std::string(name_of(b))] : nullptr;
    if (value && !value->is_null() && !value->is_number_integer()) {
      reader.add({count_error(b, "not_integer")});
      continue;
    }
    counts[static_cast<size_t>(b)] =
        reader.optional_integer(std::string(name_of(b)), std::numeric_limits<std::int64_t>::min(),
                                std::numeric_limits<std::int64_t>::max());
  }
  for (const auto& [key, value] : given.items()) {
    bool known = false;
    for (auto b : kBrackets) known = known || key == name_of(b);
    if (!known) {
      reader.add({{reader.name(key),
                   "unknown_field",
                   {"この項目はありません。", "There is no such bracket."}}});
    }
  }
  body.add(reader.errors());
  return counts;
}

}  // namespace hersys::daily
