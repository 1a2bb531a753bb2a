#include "daemon/csv/customer_csv.h"

#include <map>

#include "daemon/csv/csv_row_reader.h"
#include "daemon/csv/csv_writer.h"

namespace duly::daemon {
namespace {

constexpr std::array<std::string_view, 2> kRequired = {"id", "name"};

Customer DecodeRow(CsvRowReader& row) {
  Customer customer;
  customer.id = row.Text("id");
  customer.name = row.Text("name");
  const std::string kind = row.TextOr("kind", CustomerKindName(customer.kind));
  if (auto parsed = ParseCustomerKind(kind)) {
    customer.kind = *parsed;
  } else {
    row.AddError("kind", "must be b2b or b2c");
  }
  customer.language = row.TextOr("language", customer.language);
  customer.email = row.Text("email");
  customer.phone = row.Text("phone");
  row.ReadBool("whatsapp", customer.whatsapp);
  customer.preferred_channels = row.List("preferred_channels");
  customer.account_manager = row.Text("account_manager");
  customer.tags = row.List("tags");
  customer.address.street = row.Text("street");
  customer.address.postal_code = row.Text("postal_code");
  customer.address.city = row.Text("city");
  customer.address.country = row.Text("country");
  customer.vat_number = row.Text("vat_number");
  customer.iban = row.Text("iban");
  customer.time_zone = row.Text("time_zone");
  row.ReadOptionalMoney("credit_limit", customer.credit_limit);
  customer.currency = row.TextOr("currency", customer.currency);
  customer.risk_rating = row.Text("risk_rating");
  return customer;
}

}  // namespace

Result<std::vector<Customer>> DecodeCustomerCsv(const CsvTable& table) {
  if (Status columns = BindColumns(table, kCustomerCsvColumns, kRequired); !columns) {
    return std::move(columns).error();
  }
  std::vector<Customer> customers;
  std::vector<FieldError> errors;
  std::map<std::string, int> first_row;
  for (const CsvRow& csv_row : table.rows()) {
    CsvRowReader row(table, csv_row, errors);
    Customer customer = DecodeRow(row);
    row.AddValidation(Validate(customer));
    if (auto [at, fresh] = first_row.emplace(customer.id, csv_row.number); !fresh) {
      row.AddError("id", "repeats the customer of row " + std::to_string(at->second));
    }
    customers.push_back(std::move(customer));
  }
  if (!errors.empty()) return CsvRowsError("customers", std::move(errors));
  return customers;
}

Result<std::vector<Customer>> ParseCustomerCsv(std::string_view text) {
  auto table = CsvTable::Parse(text);
  if (!table) return std::move(table).error();
  return DecodeCustomerCsv(*table);
}

std::vector<std::string> CustomerCsvFields(const Customer& customer) {
  return {customer.id,
          customer.name,
          CustomerKindName(customer.kind),
          customer.language,
          customer.email,
          customer.phone,
          customer.whatsapp ? "true" : "false",
          JoinCsvList(customer.preferred_channels),
          customer.account_manager,
          JoinCsvList(customer.tags),
          customer.address.street,
          customer.address.postal_code,
          customer.address.city,
          customer.address.country,
          customer.vat_number,
          customer.iban,
          customer.time_zone,
          customer.credit_limit ? customer.credit_limit->ToString() : "",
          customer.currency,
          customer.risk_rating};
}

std::string EncodeCustomerCsv(const std::vector<Customer>& customers) {
  CsvWriter writer;
  writer.AddRow(
      std::vector<std::string_view>(kCustomerCsvColumns.begin(), kCustomerCsvColumns.end()));
  for (const Customer& customer : customers) writer.AddRow(CustomerCsvFields(customer));
  return writer.Take();
}

}  // namespace duly::daemon
