#include "daemon/csv/colleague_csv.h"

#include <map>

#include "daemon/csv/csv_row_reader.h"
#include "daemon/csv/csv_writer.h"

namespace duly::daemon {
namespace {

constexpr std::array<std::string_view, 2> kRequired = {"id", "name"};

Colleague DecodeRow(CsvRowReader& row) {
  Colleague colleague;
  colleague.id = row.Text("id");
  colleague.name = row.Text("name");
  colleague.role = row.TextOr("role", colleague.role);
  colleague.department = row.Text("department");
  colleague.manager = row.Text("manager");
  colleague.email = row.Text("email");
  colleague.phone = row.Text("phone");
  colleague.notify = row.TextOr("notify", colleague.notify);
  colleague.chat_webhook = row.Text("chat_webhook");
  row.ReadBool("active", colleague.active);
  return colleague;
}

}  // namespace

Result<std::vector<Colleague>> DecodeColleagueCsv(const CsvTable& table) {
  if (Status columns = BindColumns(table, kColleagueCsvColumns, kRequired); !columns) {
    return std::move(columns).error();
  }
  std::vector<Colleague> colleagues;
  std::vector<FieldError> errors;
  std::map<std::string, int> first_row;
  for (const CsvRow& csv_row : table.rows()) {
    CsvRowReader row(table, csv_row, errors);
    Colleague colleague = DecodeRow(row);
    row.AddValidation(Validate(colleague));
    if (auto [at, fresh] = first_row.emplace(colleague.id, csv_row.number); !fresh) {
      row.AddError("id", "repeats the colleague of row " + std::to_string(at->second));
    }
    colleagues.push_back(std::move(colleague));
  }
  if (!errors.empty()) return CsvRowsError("colleagues", std::move(errors));
  return colleagues;
}

Result<std::vector<Colleague>> ParseColleagueCsv(std::string_view text) {
  auto table = CsvTable::Parse(text);
  if (!table) return std::move(table).error();
  return DecodeColleagueCsv(*table);
}

std::vector<std::string> ColleagueCsvFields(const Colleague& colleague) {
  return {colleague.id,           colleague.name,
          colleague.role,         colleague.department,
          colleague.manager,      colleague.email,
          colleague.phone,        colleague.notify,
          colleague.chat_webhook, colleague.active ? "true" : "false"};
}

std::string EncodeColleagueCsv(const std::vector<Colleague>& colleagues) {
  CsvWriter writer;
  writer.AddRow(
      std::vector<std::string_view>(kColleagueCsvColumns.begin(), kColleagueCsvColumns.end()));
  for (const Colleague& colleague : colleagues) writer.AddRow(ColleagueCsvFields(colleague));
  return writer.Take();
}

}  // namespace duly::daemon
