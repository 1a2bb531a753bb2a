#include "daemon/csv/invoice_csv.h"

#include <map>

#include "daemon/csv/csv_row_reader.h"
#include "daemon/csv/csv_writer.h"

namespace duly::daemon {
namespace {

constexpr std::array<std::string_view, 5> kRequired = {"id", "customer", "issued", "due", "amount"};

Invoice DecodeRow(CsvRowReader& row) {
  Invoice invoice;
  invoice.id = row.Text("id");
  invoice.customer = row.Text("customer");
  const std::string kind = row.TextOr("kind", InvoiceKindName(invoice.kind));
  if (auto parsed = ParseInvoiceKind(kind)) {
    invoice.kind = *parsed;
  } else {
    row.AddError("kind", "must be invoice or credit_note");
  }
  const std::size_t before_dates = row.error_count();
  row.ReadDate("issued", invoice.issued);
  row.ReadDate("due", invoice.due);
  const bool dates_read = row.error_count() == before_dates;
  const std::size_t before_amount = row.error_count();
  row.ReadMoney("amount", invoice.amount);
  const bool amount_read = row.error_count() == before_amount;
  invoice.open_amount = invoice.amount;
  invoice.currency = row.TextOr("currency", invoice.currency);
  invoice.po_number = row.Text("po_number");
  invoice.reference = row.Text("reference");
  invoice.credits_invoice = row.Text("credits_invoice");

  // Validate() would repeat a field that did not parse ("must be more than 0", "due before
  // issued"); keep only the first, precise, message.
  std::vector<FieldError> problems = Validate(invoice);
  std::erase_if(problems, [&](const FieldError& problem) {
    return (!dates_read && problem.field == "/due") ||
           (!amount_read && (problem.field == "/amount" || problem.field == "/open_amount"));
  });
  row.AddValidation(problems);
  return invoice;
}

}  // namespace

Result<std::vector<Invoice>> DecodeInvoiceCsv(const CsvTable& table) {
  if (Status columns = BindColumns(table, kInvoiceCsvColumns, kRequired); !columns) {
    return std::move(columns).error();
  }
  std::vector<Invoice> invoices;
  std::vector<FieldError> errors;
  std::map<std::string, int> first_row;
  for (const CsvRow& csv_row : table.rows()) {
    CsvRowReader row(table, csv_row, errors);
    Invoice invoice = DecodeRow(row);
    if (auto [at, fresh] = first_row.emplace(invoice.id, csv_row.number); !fresh) {
      row.AddError("id", "repeats the invoice of row " + std::to_string(at->second));
    }
    invoices.push_back(std::move(invoice));
  }
  if (!errors.empty()) return CsvRowsError("invoices", std::move(errors));
  return invoices;
}

Result<std::vector<Invoice>> ParseInvoiceCsv(std::string_view text) {
  auto table = CsvTable::Parse(text);
  if (!table) return std::move(table).error();
  return DecodeInvoiceCsv(*table);
}

std::vector<std::string> InvoiceCsvFields(const Invoice& invoice) {
  return {invoice.id,
          invoice.customer,
          InvoiceKindName(invoice.kind),
          FormatCalendarDate(invoice.issued),
          FormatCalendarDate(invoice.due),
          invoice.amount.ToString(),
          invoice.currency,
          invoice.po_number,
          invoice.reference,
          invoice.credits_invoice};
}

std::string EncodeInvoiceCsv(const std::vector<Invoice>& invoices) {
  CsvWriter writer;
  writer.AddRow(
      std::vector<std::string_view>(kInvoiceCsvColumns.begin(), kInvoiceCsvColumns.end()));
  for (const Invoice& invoice : invoices) writer.AddRow(InvoiceCsvFields(invoice));
  return writer.Take();
}

}  // namespace duly::daemon
