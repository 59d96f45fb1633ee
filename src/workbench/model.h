#pragma once
// The top page's numbers (issue 14 item 1): what is waiting for the caller today, by role, each
// a count of one kind that the screen links to its list. A feature that adds a number adds a
// kind here (with its name, docs/openapi.yaml WorkbenchCountKind and its link and label in
// web/src/home), and its count in service.cpp from that feature's public counts header.
#include <cstdint>
#include <string>
#include <vector>

#include "platform/enum_names.h"

namespace hersys::workbench {

enum class CountKind {
  reports_to_confirm,    // 保健所確認待ちの発生届 (REP-5): the inbox
  cases_without_status,  // 現在のステータスが未入力の患者 (CASE-5): search status=none
  daily_reports_missing,  // 本日の日次報告が未提出の医療機関 (DAY-5): the area page
  drafts,                 // 一時保存中の発生届 (REP-9): the drafts page
  daily_report_due,       // 本日の日次報告が未提出 (DAY-1): 1 or 0, the daily form
  reports_to_check,  // データチェック待ちの発生届 (地方衛生研究所, seeds Q19): the inbox
  transfers_to_receive,  // 受理していない移管 (ACL-5, REP-4): the received transfers
};

constexpr std::string_view name_of(CountKind value) {
  switch (value) {
    case CountKind::reports_to_confirm: return "reports_to_confirm";
    case CountKind::cases_without_status: return "cases_without_status";
    case CountKind::daily_reports_missing: return "daily_reports_missing";
    case CountKind::drafts: return "drafts";
    case CountKind::daily_report_due: return "daily_report_due";
    case CountKind::reports_to_check: return "reports_to_check";
    case CountKind::transfers_to_receive: return "transfers_to_receive";
  }
  return {};
}

struct Count {
  CountKind kind = CountKind::reports_to_confirm;
  std::int64_t count = 0;
  bool capped = false;  // there are more than `count` (the count stops at a cap: "1000+")
};

// The caller's counts, in the order the top page shows them (only those of its role).
struct Counts {
  std::string date;  // today, Asia/Tokyo (YYYY-MM-DD)
  std::vector<Count> counts;
};

}  // namespace hersys::workbench
