#include "daemon/cli/import_command.h"

#include <charconv>
#include <fstream>
#include <memory>
#include <sstream>

#include "daemon/csv/colleague_csv.h"
#include "daemon/csv/csv_row_reader.h"
#include "daemon/csv/customer_csv.h"
#include "daemon/csv/invoice_csv.h"
#include "daemon/csv/payment_csv.h"

namespace duly::daemon {
namespace {

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return NotFound("cannot open " + path);
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return Unavailable("cannot read " + path);
  return text.str();
}

// The store names batch items "/3/customer"; the file's reader wants "row 5, column customer".
Error ToCsvPositions(Error error, const CsvTable& table) {
  std::vector<FieldError> mapped;
  for (FieldError& field : error.fields) {
    std::string_view pointer = field.field;
    if (pointer.starts_with('/')) pointer.remove_prefix(1);
    const std::string_view index_text = pointer.substr(0, pointer.find('/'));
    std::size_t index = 0;
    const auto [end, failure] =
        std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    if (failure != std::errc() || end != index_text.data() + index_text.size() ||
        index >= table.rows().size()) {
      mapped.push_back(std::move(field));
      continue;
    }
    CsvRowReader row(table, table.rows()[index], mapped);
    row.AddValidation({{std::string(pointer.substr(index_text.size())), field.message}});
  }
  error.fields = std::move(mapped);
  return error;
}

template <typename Record>
Result<UpsertSummary> Write(Result<std::vector<Record>> (*decode)(const CsvTable&),
                            Result<UpsertSummary> (Store::*write)(const std::vector<Record>&,
                                                                  const Actor&),
                            Store& store, const CsvTable& table) {
  auto records = decode(table);
  if (!records) return std::move(records).error();
  auto summary = (store.*write)(*records, CommandLineActor());
  if (!summary) return ToCsvPositions(std::move(summary).error(), table);
  return summary;
}

}  // namespace

int RunImport(Store& store, std::string_view records, const std::string& path,
              CommandContext& context) {
  if (records != "customers" && records != "colleagues" && records != "invoices" &&
      records != "payments") {
    context.err << "duly: cannot import '" << records
                << "'; use customers, colleagues, invoices or payments\n";
    return kExitUsage;
  }
  auto text = ReadWholeFile(path);
  if (!text) {
    PrintError(context.err, text.error());
    return kExitFailure;
  }
  auto table = CsvTable::Parse(*text);
  if (!table) {
    PrintError(context.err, table.error().WithContext(path));
    return kExitFailure;
  }
  Result<UpsertSummary> summary = UpsertSummary{};
  if (records == "customers") {
    summary = Write<Customer>(DecodeCustomerCsv, &Store::UpsertCustomers, store, *table);
  } else if (records == "colleagues") {
    summary = Write<Colleague>(DecodeColleagueCsv, &Store::UpsertColleagues, store, *table);
  } else if (records == "invoices") {
    summary = Write<Invoice>(DecodeInvoiceCsv, &Store::UpsertInvoices, store, *table);
  } else {
    summary = Write<Payment>(DecodePaymentCsv, &Store::PostPayments, store, *table);
  }
  if (!summary) {
    PrintError(context.err, summary.error().WithContext(path));
    return kExitFailure;
  }
  context.out << "Imported " << table->rows().size() << ' ' << records << " from " << path << ": "
              << summary->created << " created, " << summary->updated << " updated, "
              << summary->unchanged << " unchanged.\n";
  return kExitOk;
}

void AddImportCommand(CLI::App& app, CommandContext& context) {
  struct Options {
    std::string records;
    std::string path;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("import", "Import a CSV file; a bad row rejects the file");
  command->add_option("records", options->records, "customers, colleagues, invoices or payments")
      ->required()
      ->check(CLI::IsMember({"customers", "colleagues", "invoices", "payments"}));
  command->add_option("file", options->path, "The CSV file")->required();
  command->callback([&context, options] {
    auto store = context.OpenDatabase();
    context.exit_code =
        store ? RunImport(*store, options->records, options->path, context) : kExitFailure;
  });
}

}  // namespace duly::daemon
