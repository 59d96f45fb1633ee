#include "cases/notices.h"

#include <fmt/format.h>

#include "cases/codes.h"
#include "identity/directory.h"
#include "notify/outbox.h"

namespace hersys::cases {
namespace {

void tell(db::Transaction& tx, const identity::Organisation& to, std::string subject,
          std::string body, std::string purpose, Clock::time_point now) {
  // A retired organisation reads nothing more: no notice goes to it (issue 14 item 2).
  if (to.email.empty() || to.retired_at) return;
  notify::enqueue(tx,
                  {notify::Channel::email, to.email, std::move(subject),
                   std::move(body) + "\n\nHER-SYS にサインインして内容を確認してください。\n"
                                     "Sign in to HER-SYS to see the case.\n",
                   std::move(purpose)},
                  now);
}

}  // namespace

void tell_report_submitted(db::Transaction& tx, const Patient& patient, DiagnosisClass cls,
                           const identity::Organisation& reporter,
                           const identity::Organisation& area, Clock::time_point now) {
  tell(tx, area,
       fmt::format("【HER-SYS】発生届が提出されました（HER-SYS ID {}）", patient.hersys_id),
       fmt::format("管内の医療機関から発生届が提出されました。\nA new occurrence report was "
                   "filed in your area.\n\nHER-SYS ID: {}\n診断類型 / class: {}\n報告機関 / "
                   "filed by: {}",
                   patient.hersys_id, label_of(cls), reporter.name),
       "case.report_submitted", now);
}

void tell_health_center_set(db::Transaction& tx, const Patient& patient,
                            const identity::Organisation& by, const identity::Organisation& hc,
                            bool responsible, Clock::time_point now) {
  const auto role = responsible ? "担当保健所 / responsible" : "関係保健所 / related";
  const auto subject = fmt::format("【HER-SYS】{}に設定されました（HER-SYS ID {}）",
                                   responsible ? "担当保健所" : "関係保健所", patient.hersys_id);
  const auto body = fmt::format(
      "{} が {} を {} に設定しました。\n{} set {} as the {} health center.\n\nHER-SYS ID: {}",
      by.name, hc.name, role, by.name, hc.name, responsible ? "responsible" : "related",
      patient.hersys_id);
  tell(tx, hc, subject, body, "case.health_center_set", now);
  if (auto prefecture = identity::prefecture_of_city(tx, hc)) {
    tell(tx, *prefecture, subject, body, "case.health_center_set.prefecture", now);
  }
}

void tell_transferred(db::Transaction& tx, const Patient& patient,
                      const identity::Organisation& from, const identity::Organisation& to,
                      Clock::time_point now) {
  const auto subject =
      fmt::format("【HER-SYS】移管を受けました（HER-SYS ID {}）", patient.hersys_id);
  const auto body = fmt::format(
      "{} から {} へ患者が移管されました。{} が担当保健所になりました。\n"
      "{} transferred a case to {}, now its responsible health center.\n\n"
      "HER-SYS ID: {}\n\n"
      // No link: the server does not know the address its users reach it by (issue 14 item 18).
      "HER-SYS にサインインし、メニューの「移管の受付」を開いてください。\n"
      "Sign in to HER-SYS and open \"Received transfers\" in the menu.",
      from.name, to.name, to.name, from.name, to.name, patient.hersys_id);
  tell(tx, to, subject, body, "case.transferred", now);
  if (auto prefecture = identity::prefecture_of_city(tx, to)) {
    tell(tx, *prefecture, subject, body, "case.transferred.prefecture", now);
  }
}

}  // namespace hersys::cases
