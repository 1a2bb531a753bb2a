#include "daemon/einvoice/ubl_import.h"

#include <charconv>
#include <map>
#include <utility>

#include "daemon/einvoice/ubl_parser.h"
#include "daemon/einvoice/ubl_records.h"

namespace duly::einvoice {
namespace {

// The error of one file: its name before the message and before every field.
Error InFile(Error error, const std::string& file) {
  if (file.empty()) return error;
  error = error.WithContext(file);
  for (FieldError& field : error.fields) field.field = file + ": " + field.field;
  return error;
}

// The store names batch items "/3/kind"; say which file item 3 came from.
Error ToFiles(Error error, const std::vector<UblImportItem>& items, const std::string& what) {
  for (FieldError& field : error.fields) {
    const std::string_view pointer(field.field);
    if (!pointer.starts_with('/')) continue;
    const std::string_view rest = pointer.substr(1);
    const std::string_view index_text = rest.substr(0, rest.find('/'));
    std::size_t index = 0;
    const auto [end, failure] =
        std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    if (failure != std::errc() || end != index_text.data() + index_text.size() ||
        index >= items.size()) {
      continue;
    }
    const UblImportItem& item = items[index];
    const std::string who = item.file.empty() ? what : item.file;
    field.field = who + ": " + what + " " + (what == "invoice" ? item.invoice : item.customer) +
                  std::string(rest.substr(index_text.size()));
  }
  return error;
}

// A credit note's BillingReference, when it names an invoice the store would apply it to.
Result<std::string> CreditedInvoice(Store& store, const UblDocument& document,
                                    const Invoice& credit,
                                    const std::map<std::string, Invoice>& batch) {
  const std::string& target = document.billing_reference;
  if (credit.kind != InvoiceKind::kCreditNote || target.empty() || target == credit.id) {
    return std::string();
  }
  std::optional<Invoice> found;
  if (auto in_batch = batch.find(target); in_batch != batch.end()) {
    found = in_batch->second;
  } else if (auto stored = store.GetInvoice(target)) {
    found = *stored;
  } else if (stored.error().code != ErrorCode::kNotFound) {
    return stored.error();
  }
  const bool applies = found && found->kind == InvoiceKind::kInvoice &&
                       found->customer == credit.customer && found->currency == credit.currency;
  return applies ? target : std::string();
}

}  // namespace

Result<UblImportReport> ImportUblFiles(Store& store, const std::vector<UblFile>& files,
                                       const Actor& actor) {
  auto directory = CustomerDirectory::Load(store);
  if (!directory) return std::move(directory).error();
  UblImportReport report;
  std::vector<Customer> new_customers;
  std::vector<Invoice> invoices;
  std::map<std::string, Invoice> by_id;
  std::map<std::string, std::string> file_of;  // invoice id -> file
  for (const UblFile& file : files) {
    auto document = ParseUblDocument(file.content);
    if (!document) return InFile(std::move(document).error(), file.name);
    UblImportItem item;
    item.file = file.name;
    auto match = directory->Match(*document);
    if (!match) return InFile(std::move(match).error(), file.name);
    if (*match) {
      item.customer = (*match)->customer;
      item.matched_by = (*match)->rule;
    } else {
      auto customer = NewCustomer(*document);
      if (!customer) return InFile(std::move(customer).error(), file.name);
      item.customer = customer->id;
      item.matched_by = CustomerMatchRule::kCreated;
      directory->Add(*customer);
      new_customers.push_back(std::move(*customer));
    }
    auto invoice = InvoiceFromUbl(*document, item.customer);
    if (!invoice) return InFile(std::move(invoice).error(), file.name);
    if (auto earlier = file_of.find(invoice->id); earlier != file_of.end()) {
      const std::string path = "/" + document->root + "/cbc:ID";
      const std::string message =
          "invoice " + invoice->id + " is also in " + earlier->second + " of this import";
      return InFile(InvalidArgument("UBL: " + path + ": " + message, {{path, message}}), file.name);
    }
    auto credited = CreditedInvoice(store, *document, *invoice, by_id);
    if (!credited) return InFile(std::move(credited).error(), file.name);
    invoice->credits_invoice = *credited;
    item.invoice = invoice->id;
    item.kind = invoice->kind;
    file_of.emplace(invoice->id, file.name.empty() ? "another file" : file.name);
    by_id.emplace(invoice->id, *invoice);
    invoices.push_back(std::move(*invoice));
    report.items.push_back(std::move(item));
  }
  if (!new_customers.empty()) {
    auto customers = store.UpsertCustomers(new_customers, actor);
    if (!customers) return std::move(customers).error();
    report.customers = *customers;
  }
  auto written = store.UpsertInvoices(invoices, actor);
  if (!written) return ToFiles(std::move(written).error(), report.items, "invoice");
  report.invoices = *written;
  return report;
}

}  // namespace duly::einvoice
