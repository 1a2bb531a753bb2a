#include "daemon/store/soci_statement_store.h"

#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "daemon/store/credit_note_application.h"
#include "daemon/store/invoice_balance.h"
#include "daemon/store/match_inputs.h"
#include "daemon/store/payment_table.h"
#include "daemon/store/record_digest.h"
#include "daemon/store/statement_payment.h"
#include "daemon/store/statement_table.h"
#include "workflows/customer.h"
#include "workflows/matching/match_keys.h"
#include "workflows/matching/payment_match.h"

namespace duly::daemon {
namespace {

constexpr std::size_t kMaxKeyLength = 300;
constexpr std::size_t kMaxReasonLength = 500;

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<FieldError> ValidateFile(const StatementFile& file) {
  std::vector<FieldError> errors;
  if (file.digest.empty()) errors.push_back({"/digest", "must name the file's SHA-256"});
  if (file.format != "camt.053" && file.format != "mt940") {
    errors.push_back({"/format", "must be camt.053 or mt940"});
  }
  std::set<std::string> keys;
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    const std::string at = "/entries/" + std::to_string(i);
    const StatementLine& line = file.entries[i];
    if (line.key.empty() || line.key.size() > kMaxKeyLength) {
      errors.push_back({at + "/key", "must be 1.." + std::to_string(kMaxKeyLength) + " bytes"});
    } else if (!keys.insert(line.key).second) {
      errors.push_back({at + "/key", "entry key " + line.key + " is twice in the file"});
    }
    for (FieldError& error : Validate(line.credit)) {
      errors.push_back({at + "/credit" + error.field, std::move(error.message)});
    }
  }
  return errors;
}

// A matched payer's account, when a reference or invoice number named the customer.
bool IdentifiesPayer(const MatchDecision& decision) {
  return decision.rule == MatchRule::kStructuredReference ||
         decision.rule == MatchRule::kReferenceInText || decision.rule == MatchRule::kInvoiceNumber;
}

// Error fields of a one-payment batch ("/0/allocations/1/amount") relative to the request.
Error WithoutBatchIndex(Error error) {
  for (FieldError& field : error.fields) {
    if (field.field.rfind("/0", 0) == 0) field.field = field.field.substr(2);
  }
  return error;
}

}  // namespace

std::string SociStatementStore::PaymentIdFor(const std::string& entry_key) {
  RecordDigest digest;
  digest.Add(entry_key);
  return "bank-" + digest.Finish().substr(0, 32);
}

Result<ImportReport> SociStatementStore::ImportStatement(const StatementFile& file,
                                                         const Actor& actor) {
  if (auto errors = ValidateFile(file); !errors.empty()) {
    return InvalidArgument(std::to_string(errors.size()) + " problems in the statement file",
                           std::move(errors));
  }
  return Write<ImportReport>(
      "importing statement " + file.statement_id, actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<ImportReport> {
        const DatabaseKind kind = connections_->kind();
        const long long now = ToEpochMillis(chain.at());
        StatementTable table(s, kind);
        const bool file_seen = table.ImportExists(file.digest);
        std::vector<std::string> keys;
        for (const StatementLine& line : file.entries) keys.push_back(line.key);
        std::map<std::string, EntryOutcome> existing = table.Existing(keys);

        ImportReport report;
        report.entries = static_cast<std::int64_t>(file.entries.size());
        report.outcomes.resize(file.entries.size());
        std::vector<MatchDecision> decisions(file.entries.size());
        std::vector<NewStatementEntry> fresh;
        std::vector<std::size_t> fresh_index;
        std::vector<Payment> payments;
        std::vector<CreditNoteUse> uses;
        std::vector<std::pair<std::string, std::string>> learnt;  // customer, IBAN
        MatchIndex index;
        bool loaded = false;
        const MatchOptions options{options_.min_automatic_score};
        for (std::size_t i = 0; i < file.entries.size(); ++i) {
          const StatementLine& line = file.entries[i];
          EntryOutcome& outcome = report.outcomes[i];
          if (auto it = existing.find(line.key); it != existing.end()) {
            outcome = it->second;
            ++report.duplicates;
            continue;
          }
          if (!loaded) {
            if (auto status = LoadMatchIndex(s, index); !status) return status.error();
            loaded = true;
          }
          auto decision = MatchPayment(line.credit, index, options);
          if (!decision) return decision.error().WithContext("entry " + line.key);
          decisions[i] = std::move(*decision);
          MatchDecision& decided = decisions[i];
          outcome.key = line.key;
          NewStatementEntry entry{&line, EntryState::kQueued, &decided, ""};
          if (decided.outcome == MatchOutcome::kMatched && !decided.allocations.empty()) {
            if (auto applied = index.Apply(decided.allocations, decided.credit_notes); !applied) {
              return applied.error().WithContext("entry " + line.key);
            }
            entry.state = EntryState::kPosted;
            entry.payment = PaymentIdFor(line.key);
            payments.push_back(
                PaymentOfCredit(line.credit, entry.payment, decided.customer, decided.allocations));
            uses.insert(uses.end(), decided.credit_notes.begin(), decided.credit_notes.end());
            outcome.payment = entry.payment;
            outcome.customer = decided.customer;
            ++report.posted;
            const std::string iban = IbanKey(line.credit.counterparty_iban);
            if (IdentifiesPayer(decided) && IsIban(iban)) {
              learnt.emplace_back(decided.customer, iban);
              if (auto added = index.AddCustomer({decided.customer, "", {iban}}); !added) {
                return added.error();
              }
            }
          } else {
            if (decided.outcome == MatchOutcome::kMatched) {
              decided.outcome = MatchOutcome::kAmbiguous;
              decided.reason = "nothing left to allocate: " + decided.reason;
            }
            ++report.queued;
          }
          outcome.state = entry.state;
          fresh.push_back(entry);
          fresh_index.push_back(i);
        }
        if (!file_seen) table.InsertImport(file, report, chain.actor(), now);
        chain.Append("statement.imported", "", "",
                     Dump({{"digest", file.digest},
                           {"format", file.format},
                           {"account", file.account},
                           {"statement", file.statement_id},
                           {"entries", report.entries},
                           {"posted", report.posted},
                           {"queued", report.queued},
                           {"duplicates", report.duplicates},
                           {"skipped", file.skipped}}));
        if (fresh.empty()) return report;
        if (auto applied = ApplyCreditNotes(s, kind, uses, chain); !applied) {
          return applied.error();
        }
        if (!payments.empty()) {
          auto posted = PaymentTable(s, kind).Post(payments, chain);
          if (!posted) return posted.error();
        }
        const std::vector<std::int64_t> ids = table.InsertEntries(fresh, file.digest, now);
        for (std::size_t n = 0; n < fresh.size(); ++n) {
          EntryOutcome& outcome = report.outcomes[fresh_index[n]];
          outcome.entry = ids[n];
          if (outcome.state != EntryState::kQueued) continue;
          const MatchDecision& decided = *fresh[n].decision;
          chain.Append("statement.entry_queued", decided.customer, "",
                       Dump({{"entry", ids[n]},
                             {"amount", fresh[n].line->credit.amount.cents()},
                             {"currency", fresh[n].line->credit.currency},
                             {"outcome", MatchOutcomeName(decided.outcome)},
                             {"reason", decided.reason},
                             {"candidates", decided.candidates.size()}}));
        }
        for (const auto& [customer, iban] : learnt) {
          if (RememberPayerAccount(s, customer, iban, now)) {
            chain.Append("customer.payer_account_learnt", customer, "", Dump({{"iban", iban}}));
          }
        }
        return report;
      });
}

Result<ReconciliationPage> SociStatementStore::ListQueue(std::int64_t after, int limit) {
  if (limit < 1 || limit > 1000) return FieldInvalid("/limit", "must be 1..1000");
  return Read<ReconciliationPage>("listing the reconciliation queue", [&](soci::session& s) {
    return Result<ReconciliationPage>(
        StatementTable(s, connections_->kind()).ListQueued(after, limit));
  });
}

Result<StatementEntryRecord> SociStatementStore::GetEntry(std::int64_t id) {
  return Read<StatementEntryRecord>(
      "reading statement entry", [&](soci::session& s) -> Result<StatementEntryRecord> {
        if (auto entry = StatementTable(s, connections_->kind()).Find(id)) return *entry;
        return NotFound("statement entry " + std::to_string(id) + " does not exist");
      });
}

Result<StatementEntryRecord> SociStatementStore::AllocateEntry(
    std::int64_t id, const std::string& customer, const std::vector<Allocation>& allocations,
    const Actor& actor) {
  return Write<StatementEntryRecord>(
      "allocating statement entry " + std::to_string(id), actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<StatementEntryRecord> {
        const DatabaseKind kind = connections_->kind();
        StatementTable table(s, kind);
        auto entry = table.Find(id);
        if (!entry) return NotFound("statement entry " + std::to_string(id) + " does not exist");
        if (entry->state != EntryState::kQueued) {
          return Conflict("statement entry " + std::to_string(id) + " is " +
                          EntryStateName(entry->state) + ", not queued");
        }
        std::string payer = customer;
        if (payer.empty()) {
          if (allocations.empty()) {
            return FieldInvalid("/customer", "name the customer when allocating to no invoice");
          }
          auto balances = LoadInvoiceBalances(s, kind, {allocations.front().invoice});
          if (balances.empty()) {
            return FieldInvalid("/allocations/0/invoice",
                                "invoice " + allocations.front().invoice + " does not exist");
          }
          payer = balances.begin()->second.customer;
        }
        Payment payment =
            PaymentOfCredit(entry->credit, PaymentIdFor(entry->key), payer, allocations);
        auto posted = PaymentTable(s, kind).Post({payment}, chain);
        if (!posted) return WithoutBatchIndex(std::move(posted).error());
        const long long now = ToEpochMillis(chain.at());
        table.Decide(id, EntryState::kAllocated, entry->reason, payment.id, chain.actor(), now);
        nlohmann::json applied = nlohmann::json::array();
        for (const Allocation& allocation : allocations) {
          applied.push_back(
              {{"invoice", allocation.invoice}, {"amount", allocation.amount.cents()}});
        }
        chain.Append("reconciliation.allocated", payer, "",
                     Dump({{"entry", id},
                           {"payment", payment.id},
                           {"actor", chain.actor()},
                           {"allocations", applied}}));
        const std::string iban = IbanKey(entry->credit.counterparty_iban);
        if (IsIban(iban) && RememberPayerAccount(s, payer, iban, now)) {
          chain.Append("customer.payer_account_learnt", payer, "", Dump({{"iban", iban}}));
        }
        return *table.Find(id);
      });
}

Result<StatementEntryRecord> SociStatementStore::DismissEntry(std::int64_t id,
                                                              const std::string& reason,
                                                              const Actor& actor) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos ||
      reason.size() > kMaxReasonLength) {
    return FieldInvalid("/reason", "must say why, in 1.." + std::to_string(kMaxReasonLength) +
                                       " bytes (\"not a customer payment\")");
  }
  return Write<StatementEntryRecord>(
      "dismissing statement entry " + std::to_string(id), actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<StatementEntryRecord> {
        StatementTable table(s, connections_->kind());
        auto entry = table.Find(id);
        if (!entry) return NotFound("statement entry " + std::to_string(id) + " does not exist");
        if (entry->state != EntryState::kQueued) {
          return Conflict("statement entry " + std::to_string(id) + " is " +
                          EntryStateName(entry->state) + ", not queued");
        }
        table.Decide(id, EntryState::kDismissed, reason, "", chain.actor(),
                     ToEpochMillis(chain.at()));
        chain.Append("reconciliation.dismissed", "", "",
                     Dump({{"entry", id}, {"reason", reason}, {"actor", chain.actor()}}));
        return *table.Find(id);
      });
}

}  // namespace duly::daemon
