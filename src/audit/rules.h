#pragma once
// The rules of the access log: names of actions and outcomes, and the hash chain.
#include <string>
#include <string_view>

#include "audit/model.h"

namespace hersys::audit {

// What record 1 chains to.
inline const std::string kGenesisHash(64, '0');

// BLAKE2b-256 over the record's id, time, every event field and previous_hash, each field
// length-prefixed so no two different records serialise alike. Changing any stored value,
// or the record's place in the chain, changes the hash.
std::string chain_hash(const Record& record);

}  // namespace hersys::audit
