#pragma once
// Public: the organisation, account and caller every feature sees.
// Organisations and their issued accounts (SPEC ORG-1, ORG-2), and sign-in sessions (AUTH-1..4).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/enum_names.h"

namespace hersys::identity {

enum class OrganisationKind {
  ministry,             // 厚生労働省
  prefecture,           // 都道府県
  health_center,        // 保健所
  medical_institution,  // 医療機関
  follow_up,            // 健康フォローアップ機関・センター
  lodging,              // 宿泊療養施設
};

constexpr std::string_view name_of(OrganisationKind value) {
  switch (value) {
    case OrganisationKind::ministry: return "ministry";
    case OrganisationKind::prefecture: return "prefecture";
    case OrganisationKind::health_center: return "health_center";
    case OrganisationKind::medical_institution: return "medical_institution";
    case OrganisationKind::follow_up: return "follow_up";
    case OrganisationKind::lodging: return "lodging";
  }
  return {};
}

struct Organisation {
  std::int64_t id = 0;
  OrganisationKind kind = OrganisationKind::medical_institution;
  std::string code;
  std::string name;
  std::string address;
  std::string email;
  std::string prefecture_code;  // JIS 01-47; "00" for the ministry
  std::string municipality_code;
  std::optional<std::int64_t>
      parent_id;                     // health center -> prefecture; institution -> health center
  bool city_health_center = false;   // 保健所設置市・特別区の保健所
  bool files_daily_reports = false;  // 診療・検査医療機関 (外来)
  std::string phone;                 // as typed, full-width folded (ORG-1, DAY-5, REP-8)
  std::string contact_person;        // 担当者
  std::optional<std::string> retired_at;  // ISO 8601 UTC; a retired one signs in no more
  std::int64_t version = 1;               // edits check it (409 changed_meanwhile)
  // 地方衛生研究所 (issue 14 item 3, seeds Q19): a health center (its accounts are health-center
  // accounts) that reaches its prefecture's patients for the data check after 保健所確認.
  bool public_health_institute = false;
};

enum class Role { staff, admin };

constexpr std::string_view name_of(Role value) {
  switch (value) {
    case Role::staff: return "staff";
    case Role::admin: return "admin";
  }
  return {};
}

// Where a signed-in session stands. A session reaches `active` only after the initial password
// has been changed (AUTH-1) and a second factor has been given (AUTH-2).
enum class Stage { password_change, second_factor_enrolment, second_factor, active };

constexpr std::string_view name_of(Stage value) {
  switch (value) {
    case Stage::password_change: return "password_change";
    case Stage::second_factor_enrolment: return "second_factor_enrolment";
    case Stage::second_factor: return "second_factor";
    case Stage::active: return "active";
  }
  return {};
}

struct Account {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string login_id;
  std::string display_name;
  Role role = Role::staff;
  bool must_change_password = true;
  bool totp_enrolled = false;
  bool has_verified_phone = false;  // a phone for SMS or voice codes
  bool disabled = false;
  // Unrevoked break-glass grants exist (some may have expired): only then are they looked up,
  // which spares every other request a query.
  bool holds_support_grants = false;
};

// A break-glass grant (ACL-6): time-limited read access for support staff, always logged.
struct SupportGrant {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t organisation_id = 0;  // whose records it opens
  std::string reason;
  std::string expires_at;  // ISO 8601 UTC
};

// The signed-in caller of a request, as the policy and the stores see it.
struct Caller {
  std::int64_t session_id = 0;
  Account account;
  Organisation organisation;
  std::optional<Organisation> parent;  // e.g. the health center of an institution's area
  Stage stage = Stage::active;
  std::string csrf_token;
  std::string pending_totp_secret;  // during TOTP enrolment only
  // Active break-glass grants: each lets this account read one organisation's records (ACL-6).
  std::vector<SupportGrant> support_grants;
  std::int64_t api_token_id = 0;  // set (and session_id 0) when a bearer token authenticated
};

}  // namespace hersys::identity
