#include "daemon/store/invoice_table.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "daemon/store/bulk_ids.h"
#include "daemon/store/customer_table.h"
#include "daemon/store/generated_reference.h"
#include "daemon/store/invoice_balance.h"
#include "daemon/store/invoice_row.h"
#include "daemon/store/store_error.h"
#include "daemon/store/timer_table.h"

namespace duly::daemon {
namespace {

// Stored customers among the customers a batch names.
constexpr const char* kSelectCustomerIds = "SELECT id FROM customers WHERE id";
// Insert a new invoice or credit note.
constexpr const char* kInsertInvoice =
    "INSERT INTO invoices (id, customer, kind, issued, due, amount, open_amount, currency,"
    " po_number, reference, credits_invoice, status, content_hash, created_at, updated_at)"
    " VALUES (:id, :customer, :kind, :issued, :due, :amount, :open, :currency, :po_number,"
    " :reference, :credits_invoice, :status, :content_hash, :created_at, :updated_at)";
// Replace a stored invoice's fields (created_at stays).
constexpr const char* kUpdateInvoice =
    "UPDATE invoices SET customer = :customer, kind = :kind, issued = :issued, due = :due,"
    " amount = :amount, open_amount = :open, currency = :currency, po_number = :po_number,"
    " reference = :reference, credits_invoice = :credits_invoice, status = :status,"
    " content_hash = :content_hash, updated_at = :updated_at WHERE id = :id";
// PostgreSQL: insert many new invoices in one round trip, from a JSON array of rows.
constexpr const char* kInsertInvoicesJson =
    "INSERT INTO invoices (id, customer, kind, issued, due, amount, open_amount, currency,"
    " po_number, reference, credits_invoice, status, content_hash, created_at, updated_at)"
    " SELECT id, customer, kind, issued, due, amount, open_amount, currency, po_number,"
    " reference, credits_invoice, status, content_hash, created_at, updated_at"
    " FROM json_populate_recordset(NULL::invoices, CAST(:rows AS json))";
// How many new invoices PostgreSQL inserts per statement.
constexpr std::size_t kInvoicesPerStatement = 2000;
// Drop an invoice's document before storing the new one (or none).
constexpr const char* kDeleteDocument = "DELETE FROM invoice_documents WHERE invoice = :id";
// Store an invoice's document, base64-encoded.
constexpr const char* kInsertDocument =
    "INSERT INTO invoice_documents (invoice, filename, media_type, content_base64)"
    " VALUES (:id, :filename, :media_type, :content)";
// Record a credit note applied to the invoice it corrects.
constexpr const char* kInsertCreditAllocation =
    "INSERT INTO allocations (credit_note, invoice, amount, created_at)"
    " VALUES (:credit_note, :invoice, :amount, :at)";
// Columns read back into an Invoice, with its document when it has one.
#define DULY_INVOICE_COLUMNS                                                               \
  "SELECT i.id, i.customer, i.kind, i.issued, i.due, i.amount, i.open_amount, i.currency," \
  " i.po_number, i.reference, i.credits_invoice, i.status, d.filename,"                    \
  " COALESCE(d.media_type, ''), COALESCE(d.content_base64, '') FROM invoices i LEFT JOIN " \
  "invoice_documents d ON d.invoice = i.id "
// One invoice by id.
constexpr const char* kSelectInvoice = DULY_INVOICE_COLUMNS "WHERE i.id = :id";
// Several invoices by id (completed by WithIdsIn).
constexpr const char* kSelectInvoicesWhereId = DULY_INVOICE_COLUMNS "WHERE i.id";
// A page of all invoices in id order.
constexpr const char* kSelectInvoicePage = DULY_INVOICE_COLUMNS
    "WHERE i.id > :after AND (:status1 = '' OR i.status = :status2)"
    " ORDER BY i.id LIMIT :limit";
// A page of one customer's invoices in id order.
constexpr const char* kSelectCustomerInvoicePage = DULY_INVOICE_COLUMNS
    "WHERE i.customer = :customer AND i.id > :after"
    " AND (:status1 = '' OR i.status = :status2) ORDER BY i.id LIMIT :limit";
#undef DULY_INVOICE_COLUMNS

std::string Quote(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Prepare(soci::statement& st, const std::string& sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
}

}  // namespace

Result<UpsertSummary> InvoiceTable::Upsert(const std::vector<Invoice>& invoices,
                                           HistoryChain& chain) {
  std::vector<FieldError> errors;
  std::map<std::string, std::size_t> index_of;
  std::set<std::string> customers;
  std::vector<std::string> ids;
  ids.reserve(invoices.size());
  for (std::size_t i = 0; i < invoices.size(); ++i) {
    const Invoice& invoice = invoices[i];
    const std::string at = "/" + std::to_string(i);
    for (FieldError& error : Validate(invoice)) {
      errors.push_back({at + error.field, std::move(error.message)});
    }
    if (auto [it, inserted] = index_of.emplace(invoice.id, i); !inserted) {
      errors.push_back({at + "/id", "invoice " + invoice.id + " is also at /" +
                                        std::to_string(it->second) + " of this batch"});
    }
    customers.insert(invoice.customer);
    ids.push_back(invoice.id);
    if (!invoice.credits_invoice.empty()) ids.push_back(invoice.credits_invoice);
  }
  const auto known = ExistingIds(session_, kind_, kSelectCustomerIds,
                                 std::vector<std::string>(customers.begin(), customers.end()));
  const std::set<std::string> known_customers(known.begin(), known.end());
  std::map<std::string, InvoiceBalance> stored = LoadInvoiceBalances(session_, kind_, ids);

  for (std::size_t i = 0; i < invoices.size(); ++i) {
    const Invoice& invoice = invoices[i];
    const std::string at = "/" + std::to_string(i);
    if (known_customers.count(invoice.customer) == 0) {
      errors.push_back({at + "/customer", "customer " + invoice.customer +
                                              " does not exist; create the customer first"});
    }
    if (auto it = stored.find(invoice.id); it != stored.end()) {
      const InvoiceBalance& old = it->second;
      if (old.kind != InvoiceKindName(invoice.kind)) {
        errors.push_back({at + "/kind", "cannot change from " + old.kind + " once stored"});
      }
      if (invoice.amount.cents() < old.allocated()) {
        errors.push_back({at + "/amount", "must be at least " +
                                              Money::FromCents(old.allocated()).ToString() +
                                              ", the amount already allocated to it"});
      }
      if (old.allocated() > 0 && old.currency != invoice.currency) {
        errors.push_back({at + "/currency", "cannot change while amounts are allocated"});
      }
      if (old.allocated() > 0 && old.customer != invoice.customer) {
        errors.push_back({at + "/customer", "cannot change while amounts are allocated"});
      }
      if (old.kind == "credit_note" && old.allocated() > 0 &&
          old.credits_invoice != invoice.credits_invoice) {
        errors.push_back(
            {at + "/credits_invoice",
             "cannot change: the credit note is already applied to " + old.credits_invoice});
      }
    }
    if (invoice.kind != InvoiceKind::kCreditNote || invoice.credits_invoice.empty()) continue;
    const std::string field = at + "/credits_invoice";
    std::string target_customer;
    std::string target_currency;
    std::string target_kind;
    if (auto in_batch = index_of.find(invoice.credits_invoice); in_batch != index_of.end()) {
      const Invoice& target = invoices[in_batch->second];
      target_customer = target.customer;
      target_currency = target.currency;
      target_kind = InvoiceKindName(target.kind);
    } else if (auto in_store = stored.find(invoice.credits_invoice); in_store != stored.end()) {
      target_customer = in_store->second.customer;
      target_currency = in_store->second.currency;
      target_kind = in_store->second.kind;
    } else {
      errors.push_back({field, "invoice " + invoice.credits_invoice + " does not exist"});
      continue;
    }
    if (target_kind != "invoice") {
      errors.push_back({field, invoice.credits_invoice + " is a credit note, not an invoice"});
    } else if (target_customer != invoice.customer) {
      errors.push_back({field, "invoice " + invoice.credits_invoice + " belongs to customer " +
                                   target_customer + ", not " + invoice.customer});
    } else if (target_currency != invoice.currency) {
      errors.push_back({field, "invoice " + invoice.credits_invoice + " is in " + target_currency +
                                   ", the credit note in " + invoice.currency});
    }
  }
  if (!errors.empty()) {
    return BatchError("invoice", std::move(errors));
  }
  // Invoices that arrive without a structured reference get one (generated_reference.h).
  const std::map<std::string, std::string> references = AssignReferences(session_, kind_, invoices);

  UpsertSummary summary;
  InvoiceRow row;
  const long long now = ToEpochMillis(chain.at());
  row.created_at = now;
  row.updated_at = now;
  soci::statement insert(session_);
  soci::statement update(session_);
  soci::statement delete_document(session_);
  soci::statement insert_document(session_);
  bool insert_ready = false;
  bool update_ready = false;
  bool documents_ready = false;
  std::vector<nlohmann::json> pending;  // PostgreSQL: new invoices not yet inserted
  auto flush = [this, &pending] {
    if (pending.empty()) return;
    const std::string rows =
        nlohmann::json(pending).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    session_ << kInsertInvoicesJson, soci::use(rows, "rows");
    pending.clear();
  };
  std::vector<std::string> credit_notes_to_apply;
  std::vector<std::string> to_start;  // new open invoices: the engine starts collecting them
  for (const Invoice& invoice : invoices) {
    row.From(invoice);
    if (auto generated = references.find(invoice.id); generated != references.end()) {
      row.reference = generated->second;
    }
    auto old = stored.find(invoice.id);
    if (old != stored.end() && old->second.content_hash == row.content_hash) {
      ++summary.unchanged;
      continue;
    }
    const bool created = old == stored.end();
    InvoiceBalance balance;
    if (!created) balance = old->second;
    const long long allocated = created ? 0 : balance.allocated();
    balance.customer = row.customer;
    balance.currency = row.currency;
    balance.due = row.due;
    balance.kind = row.kind;
    balance.credits_invoice = row.credits_invoice;
    balance.content_hash = row.content_hash;
    balance.amount = row.amount;
    balance.open = row.amount - allocated;
    if (created) balance.status = "open";
    balance.status = SettledStatus(balance, balance.status == "credited");
    row.open = balance.open;
    row.status = balance.status;
    if (created && kind_ == DatabaseKind::kPostgresql) {
      pending.push_back(row.Json());
      if (pending.size() >= kInvoicesPerStatement) flush();
      ++summary.created;
    } else if (created) {
      if (!insert_ready) {
        row.BindWrite(insert);
        insert.exchange(soci::use(row.created_at, "created_at"));
        Prepare(insert, kInsertInvoice);
        insert_ready = true;
      }
      insert.execute(true);
      ++summary.created;
    } else {
      if (!update_ready) {
        row.BindWrite(update);
        Prepare(update, kUpdateInvoice);
        update_ready = true;
      }
      update.execute(true);
      ++summary.updated;
    }
    if (invoice.document || !created) {
      if (!documents_ready) {
        delete_document = (session_.prepare << kDeleteDocument, soci::use(row.id, "id"));
        insert_document =
            (session_.prepare << kInsertDocument, soci::use(row.id, "id"),
             soci::use(row.filename, "filename"), soci::use(row.media_type, "media_type"),
             soci::use(row.content, "content"));
        documents_ready = true;
      }
      flush();  // the document refers to its invoice
      if (!created) delete_document.execute(true);
      if (invoice.document) {
        row.filename = invoice.document->filename;
        row.media_type = invoice.document->media_type;
        row.content = EncodeBase64(invoice.document->content);
        insert_document.execute(true);
      }
    }
    if (created && row.kind == "invoice" && row.open > 0) to_start.push_back(row.id);
    if (row.kind == "credit_note" && !row.credits_invoice.empty() && allocated == 0) {
      credit_notes_to_apply.push_back(row.id);
    }
    stored[invoice.id] = balance;
    const std::string type = row.kind + (created ? ".created" : ".updated");
    chain.Append(type, row.customer, row.id, row.Payload());
  }

  flush();
  TimerTable(session_, kind_).InsertStarts(to_start, chain.at());
  if (credit_notes_to_apply.empty()) return summary;
  BalanceWriter balances(session_);
  std::string credit_note;
  std::string target;
  long long applied = 0;
  soci::statement allocate =
      (session_.prepare << kInsertCreditAllocation, soci::use(credit_note, "credit_note"),
       soci::use(target, "invoice"), soci::use(applied, "amount"), soci::use(now, "at"));
  for (const std::string& id : credit_notes_to_apply) {
    InvoiceBalance& note = stored.at(id);
    InvoiceBalance& invoice = stored.at(note.credits_invoice);
    applied = std::min(note.open, invoice.open);
    if (applied <= 0) continue;
    credit_note = id;
    target = note.credits_invoice;
    allocate.execute(true);
    const bool untouched_before = invoice.open == invoice.amount;
    invoice.open -= applied;
    invoice.status = SettledStatus(invoice, untouched_before);
    note.open -= applied;
    note.status = SettledStatus(note, true);
    balances.Save(target, invoice, now);
    balances.Save(id, note, now);
    chain.Append("invoice.credited", invoice.customer, target,
                 "{\"credit_note\":" + Quote(id) + ",\"amount\":" + std::to_string(applied) +
                     ",\"open_amount\":" + std::to_string(invoice.open) + ",\"status\":\"" +
                     invoice.status + "\"}");
  }
  return summary;
}

std::optional<Invoice> InvoiceTable::Find(const std::string& id) {
  InvoiceRow row;
  soci::statement select(session_);
  row.BindRead(select);
  select.exchange(soci::use(id, "id"));
  Prepare(select, kSelectInvoice);
  select.execute();
  if (!select.fetch()) return std::nullopt;
  return row.To();
}

std::vector<Invoice> InvoiceTable::FindMany(const std::vector<std::string>& ids) {
  std::vector<Invoice> found;
  if (ids.empty()) return found;
  InvoiceRow row;
  const std::string json_ids = IdsJson(ids);
  soci::statement select(session_);
  row.BindRead(select);
  select.exchange(soci::use(json_ids, "ids"));
  Prepare(select, WithIdsIn(kind_, kSelectInvoicesWhereId));
  select.execute();
  while (select.fetch()) {
    found.push_back(row.To());
    row.document = soci::i_null;
  }
  return found;
}

Page<Invoice> InvoiceTable::List(const InvoiceFilter& filter, const std::string& after, int limit) {
  InvoiceRow row;
  long long fetch = limit + 1;
  const std::string status = filter.status ? InvoiceStatusName(*filter.status) : "";
  soci::statement select(session_);
  row.BindRead(select);
  if (!filter.customer.empty()) select.exchange(soci::use(filter.customer, "customer"));
  select.exchange(soci::use(after, "after"));
  select.exchange(soci::use(status, "status1"));
  select.exchange(soci::use(status, "status2"));
  select.exchange(soci::use(fetch, "limit"));
  Prepare(select, filter.customer.empty() ? kSelectInvoicePage : kSelectCustomerInvoicePage);
  select.execute();
  Page<Invoice> page;
  while (select.fetch()) {
    page.items.push_back(row.To());
    row.document = soci::i_null;
  }
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_after = page.items.back().id;
  }
  return page;
}

}  // namespace duly::daemon
