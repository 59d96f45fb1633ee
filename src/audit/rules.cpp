#include "audit/rules.h"

#include <map>
#include <nlohmann/json.hpp>

#include "platform/crypto/crypto.h"

namespace hersys::audit {
namespace {

void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

void put(std::string& out, const std::optional<std::int64_t>& field) {
  put(out, field ? std::to_string(*field) : std::string("-"));
}

using nlohmann::json;

// The fields of `record` by path: nested objects followed, anything else a leaf.
void flatten(const json& record, const std::string& prefix, std::map<std::string, json>& out) {
  for (const auto& [key, value] : record.items()) {
    const auto path = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object() && !value.empty()) {
      flatten(value, path, out);
    } else {
      out[path] = value;
    }
  }
}

bool has_value(const json& value) {
  if (value.is_null() || (value.is_boolean() && !value.get<bool>())) return false;
  if (value.is_string()) return !value.get_ref<const std::string&>().empty();
  if (value.is_array() || value.is_object()) return !value.empty();
  return true;
}

std::map<std::string, json> fields_of(const std::string& text) {
  std::map<std::string, json> fields;
  if (text.empty()) return fields;
  const auto record = json::parse(text, nullptr, false);
  if (record.is_object()) flatten(record, "", fields);
  return fields;
}

}  // namespace

std::vector<FieldChange> changes_between(const std::string& before, const std::string& after) {
  const bool first = before.empty();
  const auto old_fields = fields_of(before);
  const auto new_fields = fields_of(after);
  std::map<std::string, std::pair<json, json>> differing;
  for (const auto& [path, value] : new_fields) {
    const auto old = old_fields.find(path);
    const json was = old == old_fields.end() ? json(nullptr) : old->second;
    if (first ? has_value(value) : was != value) differing[path] = {was, value};
  }
  for (const auto& [path, value] : old_fields) {
    if (!new_fields.contains(path)) differing[path] = {value, json(nullptr)};
  }
  std::vector<FieldChange> changes;
  for (const auto& [path, values] : differing) {
    changes.push_back({path, values.first.dump(), values.second.dump()});
  }
  return changes;
}

Text label_of(EventType value) {
  switch (value) {
    case EventType::auth_sign_in: return {"サインイン", "Sign-in"};
    case EventType::auth_second_factor: return {"二要素認証", "Second factor"};
    case EventType::auth_totp_enrolment: return {"認証アプリの登録", "Authenticator app enrolment"};
    case EventType::auth_phone_enrolment:
      return {"電話番号による二要素認証の登録", "Phone second-factor enrolment"};
    case EventType::auth_password_change: return {"パスワード変更", "Password change"};
    case EventType::auth_sign_out: return {"サインアウト", "Sign-out"};
    case EventType::auth_code_sent: return {"確認コードの送信", "Verification code sent"};
    case EventType::auth_phone_add: return {"電話番号の追加", "Phone added"};
    case EventType::auth_phone_verify: return {"電話番号の確認", "Phone verified"};
    case EventType::auth_phone_remove: return {"電話番号の削除", "Phone removed"};
    case EventType::auth_token_create: return {"APIトークンの発行", "API token created"};
    case EventType::auth_token_revoke: return {"APIトークンの失効", "API token revoked"};
    case EventType::auth_totp_reenrolment:
      return {"認証アプリの再登録（本人確認）", "Authenticator re-enrolment (re-authentication)"};
    case EventType::account_issue: return {"アカウント発行", "Account issued"};
    case EventType::account_list: return {"アカウント一覧の閲覧", "Accounts listed"};
    case EventType::account_unlock: return {"アカウントのロック解除", "Account unlocked"};
    case EventType::account_reset: return {"パスワード再発行", "Credentials reset"};
    case EventType::account_token_list:
      return {"アカウントのAPIトークン一覧の閲覧", "Account's API tokens listed"};
    case EventType::account_token_revoke:
      return {"アカウントのAPIトークンの失効", "Account's API token revoked"};
    case EventType::account_disable: return {"アカウントの利用停止", "Account disabled"};
    case EventType::account_enable: return {"アカウントの利用再開", "Account enabled"};
    case EventType::organisation_create: return {"機関の登録", "Organisation created"};
    case EventType::organisation_update: return {"機関の情報の変更", "Organisation changed"};
    case EventType::organisation_retire: return {"機関の利用終了", "Organisation retired"};
    case EventType::organisation_reinstate: return {"機関の利用再開", "Organisation reinstated"};
    case EventType::support_grant: return {"サポート閲覧の許可", "Support access granted"};
    case EventType::support_revoke: return {"サポート閲覧の取消", "Support access revoked"};
    case EventType::audit_read: return {"アクセスログの閲覧", "Access log read"};
    case EventType::audit_export: return {"アクセスログのCSV出力", "Access log exported (CSV)"};
    case EventType::case_read: return {"患者情報の閲覧", "Case read"};
    case EventType::case_search: return {"患者検索", "Case search"};
    case EventType::case_history: return {"変更履歴の閲覧", "Change history read"};
    case EventType::case_look_alikes: return {"同一人物候補の確認", "Look-alike check"};
    case EventType::case_export: return {"患者検索結果のCSV出力", "Case search exported (CSV)"};
    case EventType::patient_create: return {"患者の登録", "Patient registered"};
    case EventType::patient_identity: return {"基本情報の変更", "Basic information changed"};
    case EventType::patient_residences: return {"居所の変更", "Residences changed"};
    case EventType::patient_medical: return {"医療情報の変更", "Medical information changed"};
    case EventType::patient_record:
      return {"記録（現在のステータス）の変更", "Record (current status) changed"};
    case EventType::patient_health_centers: return {"保健所の変更", "Health centers changed"};
    case EventType::patient_tracing_number: return {"追跡番号の付与", "Tracing number given"};
    case EventType::patient_transfer: return {"移管", "Case transferred"};
    case EventType::transfer_list: return {"移管受付一覧の閲覧", "Received transfers read"};
    case EventType::transfer_receive: return {"移管の受理", "Transfer received"};
    case EventType::report_create: return {"発生届の下書き作成", "Report draft created"};
    case EventType::report_submit: return {"発生届の提出", "Report submitted"};
    case EventType::report_edit: return {"発生届の修正", "Report edited"};
    case EventType::report_confirm: return {"発生届の確認", "Report confirmed"};
    case EventType::report_reclass: return {"診断類型の変更", "Report reclassified"};
    case EventType::report_tests: return {"検査結果の変更", "Tests changed"};
    case EventType::report_delete: return {"発生届の削除", "Report deleted"};
    case EventType::report_read: return {"発生届の閲覧", "Report read"};
    case EventType::report_superseded:
      return {"新しい発生届による置き換え", "Superseded by a later report"};
    case EventType::report_drafts: return {"一時保存中の発生届の一覧", "Draft reports listed"};
    case EventType::daily_open: return {"日次報告の入力開始", "Daily report opened"};
    case EventType::daily_submit: return {"日次報告の提出", "Daily report submitted"};
    case EventType::daily_history: return {"日次報告の履歴閲覧", "Daily report history read"};
    case EventType::daily_area: return {"日次報告の集計閲覧", "Daily area sums read"};
    case EventType::access_read_organisation:
      return {"拒否：機関情報の閲覧", "Refused: read organisation"};
    case EventType::access_create_organisation:
      return {"拒否：機関の登録", "Refused: create organisation"};
    case EventType::access_manage_accounts:
      return {"拒否：アカウント管理", "Refused: manage accounts"};
    case EventType::access_read_access_log:
      return {"拒否：アクセスログの閲覧", "Refused: read access log"};
    case EventType::access_read_case: return {"拒否：患者情報の閲覧", "Refused: read case"};
    case EventType::access_export_cases:
      return {"拒否：患者検索結果のCSV出力", "Refused: export cases"};
    case EventType::access_write_case: return {"拒否：患者情報の変更", "Refused: change case"};
    case EventType::access_confirm_report: return {"拒否：発生届の確認", "Refused: confirm report"};
    case EventType::access_set_observation:
      return {"拒否：健康観察期間の設定", "Refused: set observation period"};
    case EventType::access_set_health_centers:
      return {"拒否：保健所の設定", "Refused: set health centers"};
    case EventType::access_transfer_case: return {"拒否：移管", "Refused: transfer case"};
    case EventType::access_link_follow_up:
      return {"拒否：フォローアップ機関との連携", "Refused: link follow-up organisation"};
    case EventType::access_enter_doctor_findings:
      return {"拒否：医師所見の入力", "Refused: enter doctor's findings"};
    case EventType::access_read_aggregates: return {"拒否：集計の閲覧", "Refused: read aggregates"};
    case EventType::access_file_daily_report:
      return {"拒否：日次報告の入力", "Refused: file daily report"};
    case EventType::access_csrf:
      return {"拒否：CSRFトークンの不一致", "Refused: CSRF token mismatch"};
    case EventType::access_sign_in_stage:
      return {"拒否：サインインが完了していない", "Refused: sign-in not completed"};
    case EventType::report_inbox: return {"確認待ちの発生届の一覧", "Reports to confirm listed"};
    case EventType::report_check: return {"発生届のデータチェック", "Report data checked"};
    case EventType::access_check_report:
      return {"拒否：発生届のデータチェック", "Refused: check report data"};
    case EventType::account_import_check:
      return {"アカウント一括登録ファイルの確認", "Account import file checked"};
  }
  return {};
}

Text label_of(ResourceType value) {
  switch (value) {
    case ResourceType::Account: return {"アカウント", "Account"};
    case ResourceType::ApiToken: return {"APIトークン", "API token"};
    case ResourceType::AuditEvent: return {"アクセスログ", "Access log"};
    case ResourceType::DailyReport: return {"日次報告", "Daily report"};
    case ResourceType::OccurrenceReport: return {"発生届", "Occurrence report"};
    case ResourceType::Organisation: return {"機関", "Organisation"};
    case ResourceType::Organization: return {"機関", "Organisation"};
    case ResourceType::Patient: return {"患者", "Patient"};
    case ResourceType::Phone: return {"電話番号", "Phone"};
    case ResourceType::SupportGrant: return {"サポート閲覧許可", "Support grant"};
  }
  return {};
}

std::string chain_hash(const Record& r) {
  const auto& e = r.event;
  std::string canonical = "hersys-audit-v1|";
  put(canonical, std::optional<std::int64_t>(r.id));
  put(canonical, r.recorded_at);
  put(canonical, name_of(e.action));
  put(canonical, e.type);
  put(canonical, e.account_id);
  put(canonical, e.organisation_id);
  put(canonical, e.resource_type);
  put(canonical, e.resource_id);
  put(canonical, e.patient_id);
  put(canonical, name_of(e.outcome));
  put(canonical, e.client_address);
  put(canonical, e.request_id);
  put(canonical, e.detail);
  put(canonical, r.previous_hash);
  return crypto::hash_hex(canonical);
}

}  // namespace hersys::audit
