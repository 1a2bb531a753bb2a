#include "daemon/csv/payment_csv.h"

#include <map>

#include "daemon/csv/csv_row_reader.h"
#include "daemon/csv/csv_writer.h"

namespace duly::daemon {
namespace {

constexpr std::array<std::string_view, 4> kRequired = {"id", "customer", "amount", "received"};

// "INV-1=100.00|INV-2=50.00" into allocations; a bad item is one error naming it.
std::vector<Allocation> ReadAllocations(CsvRowReader& row) {
  std::vector<Allocation> allocations;
  const std::vector<std::string> items = row.List("allocations");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& item = items[i];
    const std::string label = "item " + std::to_string(i + 1) + " (" + item + "): ";
    const std::size_t equals = item.rfind('=');
    if (equals == std::string::npos) {
      row.AddError("allocations", label + "must be invoice=amount, like INV-1=100.00");
      continue;
    }
    auto amount = Money::Parse(std::string_view(item).substr(equals + 1));
    if (!amount) {
      row.AddError("allocations", label + amount.error().message);
      continue;
    }
    allocations.push_back({item.substr(0, equals), *amount});
  }
  return allocations;
}

Payment DecodeRow(CsvRowReader& row) {
  Payment payment;
  payment.id = row.Text("id");
  payment.customer = row.Text("customer");
  const std::size_t before_amount = row.error_count();
  row.ReadMoney("amount", payment.amount);
  const bool amount_read = row.error_count() == before_amount;
  payment.currency = row.TextOr("currency", payment.currency);
  row.ReadDate("received", payment.received);
  payment.method = row.TextOr("method", payment.method);
  payment.reference = row.Text("reference");
  payment.counterparty_name = row.Text("counterparty_name");
  payment.counterparty_iban = row.Text("counterparty_iban");
  payment.remittance = row.Text("remittance");
  const std::size_t before_allocations = row.error_count();
  payment.allocations = ReadAllocations(row);
  const bool allocations_read = row.error_count() == before_allocations;

  // Drop what Validate() says about a value that did not parse; its parse error says more.
  std::vector<FieldError> problems = Validate(payment);
  std::erase_if(problems, [&](const FieldError& problem) {
    return (!amount_read && problem.field == "/amount") ||
           (!allocations_read && problem.field.starts_with("/allocations"));
  });
  row.AddValidation(problems);
  return payment;
}

std::string JoinAllocations(const std::vector<Allocation>& allocations) {
  std::vector<std::string> items;
  items.reserve(allocations.size());
  for (const Allocation& allocation : allocations) {
    items.push_back(allocation.invoice + "=" + allocation.amount.ToString());
  }
  return JoinCsvList(items);
}

}  // namespace

Result<std::vector<Payment>> DecodePaymentCsv(const CsvTable& table) {
  if (Status columns = BindColumns(table, kPaymentCsvColumns, kRequired); !columns) {
    return std::move(columns).error();
  }
  std::vector<Payment> payments;
  std::vector<FieldError> errors;
  std::map<std::string, int> first_row;
  for (const CsvRow& csv_row : table.rows()) {
    CsvRowReader row(table, csv_row, errors);
    Payment payment = DecodeRow(row);
    if (auto [at, fresh] = first_row.emplace(payment.id, csv_row.number); !fresh) {
      row.AddError("id", "repeats the payment of row " + std::to_string(at->second));
    }
    payments.push_back(std::move(payment));
  }
  if (!errors.empty()) return CsvRowsError("payments", std::move(errors));
  return payments;
}

Result<std::vector<Payment>> ParsePaymentCsv(std::string_view text) {
  auto table = CsvTable::Parse(text);
  if (!table) return std::move(table).error();
  return DecodePaymentCsv(*table);
}

std::vector<std::string> PaymentCsvFields(const Payment& payment) {
  return {payment.id,
          payment.customer,
          payment.amount.ToString(),
          payment.currency,
          FormatCalendarDate(payment.received),
          payment.method,
          payment.reference,
          payment.counterparty_name,
          payment.counterparty_iban,
          payment.remittance,
          JoinAllocations(payment.allocations)};
}

std::string EncodePaymentCsv(const std::vector<Payment>& payments) {
  CsvWriter writer;
  writer.AddRow(
      std::vector<std::string_view>(kPaymentCsvColumns.begin(), kPaymentCsvColumns.end()));
  for (const Payment& payment : payments) writer.AddRow(PaymentCsvFields(payment));
  return writer.Take();
}

}  // namespace duly::daemon
