#include "cases/transfers.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "audit/log.h"
#include "cases/json.h"
#include "cases/notices.h"
#include "cases/records.h"
#include "cases/store.h"
#include "cases/transfer_store.h"
#include "identity/directory.h"
#include "platform/errors.h"

namespace hersys::cases {
namespace {
using identity::Action;
using identity::Caller;
using identity::Organisation;
using identity::Origin;
using identity::Relation;

// The receiving health center: one that exists, is a health center still in use (not retired)
// that takes cases (not a 地方衛生研究所),
// and is not the one that has the case already nor the caller's own (移管先は他の保健所).
Organisation receiver(db::Session& session, const Caller& caller, const Patient& patient,
                      std::int64_t to) {
  const auto field = "to_health_center_id";
  const auto hc = identity::find_organisation(session, to);
  if (!hc || hc->kind != identity::OrganisationKind::health_center) {
    throw Problem::invalid(
        {{field, "not_health_center", {"保健所を選んでください。", "Choose a health center."}}});
  }
  // Each refusal says why (issue 14 item 7): the health center is visibly chosen.
  if (hc->public_health_institute) {
    throw Problem::invalid({{field,
                             "not_health_center",
                             {"地方衛生研究所には移管できません。保健所を選んでください。",
                              "A public health institute does not take cases. Choose a health "
                              "center."}}});
  }
  if (hc->retired_at) {
    throw Problem::invalid({{field,
                             "not_health_center",
                             {"この保健所は廃止されています。ほかの保健所を選んでください。",
                              "This health center is retired. Choose another one."}}});
  }
  if (to == patient.responsible_health_center_id || to == caller.organisation.id) {
    throw Problem::invalid({{field,
                             "same_health_center",
                             {"移管先には、いまの担当保健所以外の保健所を選んでください。",
                              "Choose a health center other than the one responsible now."}}});
  }
  return *hc;
}

// The hand-over as the case's history shows it: from where to where, why, and whether the
// old health center stays related.
audit::Version version_of(const TransferRow& t, const std::string& from, const std::string& to) {
  nlohmann::json data = {
      {"transfer",
       {{"from", from}, {"to", to}, {"keep_related", t.keep_related}, {"reason", t.reason}}}};
  return {t.patient_id, "transfer", t.id, 1, "patient.transfer", data.dump()};
}

ReceivedTransfer view_of(const ReceivedRow& row) {
  ReceivedTransfer v;
  const auto& t = row.transfer;
  v.id = t.id;
  v.patient_id = t.patient_id;
  // Once the case has moved on, the receiver no longer reads it: nothing that names the patient
  // (the reason is free text and may) stays in its list.
  if (row.readable) {
    Patient p;
    read_patient_document(row.patient_data, p);
    v.hersys_id = row.hersys_id;
    v.name = p.identity.name;
    v.kana = p.identity.kana;
    v.reason = t.reason;
  }
  v.from_health_center_id = t.from_health_center_id;
  v.from_health_center_name = row.from_name;
  v.transferred_by = row.transferred_by;
  v.keep_related = t.keep_related;
  v.transferred_at = t.transferred_at;
  if (!t.received_at.empty()) v.received_at = t.received_at;
  return v;
}

}  // namespace

std::int64_t Transfers::transfer(const Caller& caller, std::int64_t patient_id,
                                 const TransferRequest& request, const Origin& origin) {
  const auto access = decide(caller, patient_id, origin);
  audit::Change change(access.event(caller, origin, audit::Action::update, "patient.transfer",
                                    "Patient", patient_id),
                       clock_.now());
  auto tx = database_.write();
  auto patient = patient_in(tx, patient_id);
  const auto to = receiver(tx, caller, patient, request.to_health_center_id);
  if (request.version != patient.version) throw Problem::changed_meanwhile();
  const auto from_id = patient.responsible_health_center_id.value_or(caller.organisation.id);
  const auto from = identity::organisation(tx, from_id);

  auto& related = patient.related_health_center_ids;
  related.erase(std::remove(related.begin(), related.end(), to.id), related.end());
  if (request.keep_related) {
    if (std::find(related.begin(), related.end(), from_id) == related.end()) {
      related.push_back(from_id);
    }
  } else {
    related.erase(std::remove(related.begin(), related.end(), from_id), related.end());
  }
  std::sort(related.begin(), related.end());
  patient.responsible_health_center_id = to.id;
  patient.updated_at = change.at();
  audit::Change::saved(update_patient(tx, patient));
  set_health_centers(tx, patient);
  refresh_access(tx, patient);

  TransferRow row;
  row.patient_id = patient_id;
  row.from_health_center_id = from_id;
  row.to_health_center_id = to.id;
  row.keep_related = request.keep_related;
  row.reason = request.reason;
  row.account_id = caller.account.id;
  row.transferred_at = change.at();
  insert_transfer(tx, row);
  change.keep(version_of(row, from.name, to.name));
  change.event().add_detail("transfer " + std::to_string(row.id));
  tell_transferred(tx, patient, from, to, change.now());
  change.record(tx);
  tx.commit();
  return row.id;
}

void Transfers::require_receiver(const Caller& caller, const Origin& origin,
                                 const std::string& resource_id) {
  // Only an organisation that can be a case's responsible health center receives transfers.
  const Relation responsible[] = {Relation::responsible};
  if (!identity::permits(caller, Action::transfer_case, responsible)) {
    identity::refuse(database_, clock_, caller, origin, Action::transfer_case, "Patient",
                     resource_id);
  }
}

ReceivedPage Transfers::received(const Caller& caller, int page, bool unread_only,
                                 const Origin& origin) {
  require_receiver(caller, origin, "");
  ReceivedPage result{{}, 0, 0, page, kTransferPageSize};
  const auto mask = scope_of(caller, Action::read_case).relation_mask;
  std::string ids;
  {
    auto session = database_.read();
    result.unread = count_received(session, caller.organisation.id, true);
    result.total =
        unread_only ? result.unread : count_received(session, caller.organisation.id, false);
    for (const auto& row : received_transfers(session, caller.organisation.id, mask, unread_only,
                                              kTransferPageSize, (page - 1) * kTransferPageSize)) {
      result.items.push_back(view_of(row));
      if (row.readable) {
        ids += (ids.empty() ? "" : ",") + std::to_string(row.transfer.patient_id);
      }
    }
  }
  auto e =
      identity::audit_event(&caller, origin, audit::Action::read, "transfer.list", "Patient", ids);
  e.add_detail(std::to_string(result.items.size()) + " shown");
  audit::Change(std::move(e), clock_.now()).record(database_);
  return result;
}

void Transfers::receive(const Caller& caller, std::int64_t transfer_id, const Origin& origin) {
  require_receiver(caller, origin, "");
  std::optional<TransferRow> transfer;
  {
    auto session = database_.read();
    transfer = find_transfer(session, transfer_id);
  }
  if (!transfer || transfer->to_health_center_id != caller.organisation.id) {
    const auto patient = transfer ? std::to_string(transfer->patient_id) : std::string();
    identity::refuse_as_missing(database_, clock_, caller, origin, Action::transfer_case, "Patient",
                                patient, patient);
  }
  auto e = identity::audit_event(&caller, origin, audit::Action::update, "transfer.receive",
                                 "Patient", std::to_string(transfer->patient_id));
  e.patient_id = std::to_string(transfer->patient_id);
  e.add_detail("transfer " + std::to_string(transfer_id));
  audit::Change change(std::move(e), clock_.now());
  auto tx = database_.write();
  // Received already (a second click, a colleague): nothing changes, nothing is logged.
  if (!mark_received(tx, transfer_id, caller.account.id, change.at())) return;
  change.record(tx);
  tx.commit();
}

}  // namespace hersys::cases
