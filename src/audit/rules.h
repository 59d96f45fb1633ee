#pragma once
// The rules of the access log: names of actions and outcomes, and the hash chain.
#include <string>
#include <string_view>
#include <vector>

#include "audit/model.h"

namespace hersys::audit {

// What record 1 chains to.
inline const std::string kGenesisHash(64, '0');

// BLAKE2b-256 over the record's id, time, every event field and previous_hash, each field
// length-prefixed so no two different records serialise alike. Changing any stored value,
// or the record's place in the chain, changes the hash.
std::string chain_hash(const Record& record);

// What changed from one version of a record to the next (issue 19 item 24): both are the
// records' JSON objects, `before` "" for the first version. Nested objects are followed
// ("identity.name"); anything else (text, numbers, lists, null) is one field compared whole.
// Every field whose value differs, in key order, with a field that is absent on one side as
// null; for a first version only the fields that have a value (not null, "", [], {} or false).
std::vector<FieldChange> changes_between(const std::string& before, const std::string& after);

}  // namespace hersys::audit
