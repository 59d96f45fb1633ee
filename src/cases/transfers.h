#pragma once
// Public: the demo's transfer (app/demo_transfer.cpp).
// 移管 (issue 14, SPEC ACL-5, REP-4): a health center hands a case to another health center.
// The receiving one becomes 担当保健所; the one handing over stays 関係保健所 or not, as
// chosen; the reason is required. The receiver (and a city health center's prefecture) is told
// by e-mail, finds the transfer in its list of received transfers and marks it received (受理).
// The hand-over is in the case's history (record_versions, resource "transfer").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/access.h"
#include "cases/model.h"
#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace hersys::cases {

struct TransferRequest {
  std::int64_t to_health_center_id = 0;
  bool keep_related = false;
  std::string reason;
  std::int64_t version = 0;  // the case's version the user saw
};

// A transfer as its receiver sees it. The patient's name is shown only while the receiver may
// read the case (it may have been handed on since).
struct ReceivedTransfer {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::string hersys_id;
  std::optional<std::string> name;
  std::optional<std::string> kana;
  std::int64_t from_health_center_id = 0;
  std::string from_health_center_name;
  std::string transferred_by;
  std::optional<std::string> reason;  // null, as the name, once the receiver may not read the case
  bool keep_related = false;
  std::string transferred_at;
  std::optional<std::string> received_at;
};

struct ReceivedPage {
  std::vector<ReceivedTransfer> items;
  std::int64_t total = 0;   // of the list asked for (all, or the unread ones)
  std::int64_t unread = 0;  // not yet received: the top page's count
  int page = 1;             // from 1
  int page_size = 0;
};
inline constexpr int kTransferPageSize = 20;

class Transfers {
 public:
  Transfers(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // Decided first (Action::transfer_case), before the body is read.
  PatientAccess decide(const identity::Caller& caller, std::int64_t patient_id,
                       const identity::Origin& origin) {
    return authorise(database_, clock_, caller, identity::Action::transfer_case, patient_id,
                     origin);
  }
  // Returns the transfer's id.
  std::int64_t transfer(const identity::Caller& caller, std::int64_t patient_id,
                        const TransferRequest& request, const identity::Origin& origin);
  // The caller's health center's received transfers, newest first; a read of the patients
  // named. 403 (logged) for an organisation that is never a case's responsible health center.
  ReceivedPage received(const identity::Caller& caller, int page, bool unread_only,
                        const identity::Origin& origin);
  // 受理: a transfer to the caller's health center leaves its unread count. Another's is 404.
  void receive(const identity::Caller& caller, std::int64_t transfer_id,
               const identity::Origin& origin);

 private:
  void require_receiver(const identity::Caller& caller, const identity::Origin& origin,
                        const std::string& resource_id);

  db::Database& database_;
  const Clock& clock_;
};

}  // namespace hersys::cases
