#pragma once
// Internal to the identity store (store.cpp, factor_store.cpp): the columns of an account and
// of its organisations, and their readers, so that every query that loads a Caller (a session,
// an API token) selects and reads them the same way.
#include <string_view>

#include "identity/model.h"
#include "platform/db/database.h"

namespace hersys::identity {

inline constexpr std::string_view kOrganisationColumns =
    "o.id, o.kind, o.code, o.name, o.address, o.email, o.prefecture_code, o.municipality_code, "
    "o.parent_id, o.city_health_center, o.files_daily_reports, o.phone, o.contact_person, "
    "o.retired_at, o.version, o.public_health_institute";
// The same of the parent organisation (`po`, joined LEFT), read with a signed-in caller's.
inline constexpr std::string_view kParentColumns =
    "po.id, po.kind, po.code, po.name, po.address, po.email, po.prefecture_code, "
    "po.municipality_code, po.parent_id, po.city_health_center, po.files_daily_reports, po.phone, "
    "po.contact_person, po.retired_at, po.version, po.public_health_institute";
inline constexpr size_t kOrganisationColumnCount = 16;
inline constexpr std::string_view kParentJoin = "LEFT JOIN organisations po ON po.id = o.parent_id";
inline constexpr std::string_view kAccountColumns =
    "a.id, a.organisation_id, a.login_id, a.display_name, a.role, a.must_change_password, "
    "a.totp_secret, "
    // An account of a retired organisation is disabled: it signs in no more, and the guard
    // refuses its sessions and tokens (issue 14 item 1, ORG-2).
    "CASE WHEN a.disabled = 1 OR EXISTS (SELECT 1 FROM organisations ro WHERE ro.id = "
    "a.organisation_id AND ro.retired_at IS NOT NULL) THEN 1 ELSE 0 END, "
    "(SELECT COUNT(*) FROM phones p WHERE p.account_id = a.id AND p.verified = 1 "
    "AND p.removed_at IS NULL), "
    "(SELECT COUNT(*) FROM support_grants g WHERE g.account_id = a.id AND g.revoked = 0)";
inline constexpr size_t kAccountColumnCount = 10;

// Reads kOrganisationColumns starting at `c`.
Organisation organisation_from(const db::Row& row, size_t c);
// Reads the caller's organisation and its parent (kOrganisationColumns, kParentColumns).
void organisations_from(const db::Row& row, size_t c, Caller& caller);
// Reads kAccountColumns starting at `c`.
Account account_from(const db::Row& row, size_t c);

}  // namespace hersys::identity
