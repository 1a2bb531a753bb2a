#include "daemon/cli/export_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>

#include "daemon/csv/colleague_csv.h"
#include "daemon/csv/csv_writer.h"
#include "daemon/csv/customer_csv.h"
#include "daemon/csv/invoice_csv.h"
#include "daemon/csv/payment_csv.h"

namespace duly::daemon {
namespace {

constexpr int kPageSize = 1000;

// Writes the header, then pages of records fetched by `list` until the last page.
template <typename Record, std::size_t kColumns>
Status WritePages(const std::array<std::string_view, kColumns>& columns,
                  const std::function<Result<Page<Record>>(const PageRequest&)>& list,
                  std::vector<std::string> (*fields)(const Record&), std::ostream& sink) {
  CsvWriter header;
  header.AddRow(std::vector<std::string_view>(columns.begin(), columns.end()));
  sink << header.text();
  PageRequest request;
  request.limit = kPageSize;
  while (true) {
    auto page = list(request);
    if (!page) return std::move(page).error();
    CsvWriter rows;
    for (const Record& record : page->items) rows.AddRow(fields(record));
    sink << rows.text();
    if (!sink) return Unavailable("cannot write the CSV output");
    if (page->next_after.empty()) return Status::Ok();
    request.after = page->next_after;
  }
}

}  // namespace

int RunExport(Store& store, std::string_view records, std::ostream& sink, CommandContext& context) {
  Status written;
  if (records == "customers") {
    written = WritePages<Customer>(
        kCustomerCsvColumns, [&](const PageRequest& page) { return store.ListCustomers(page); },
        CustomerCsvFields, sink);
  } else if (records == "colleagues") {
    written = WritePages<Colleague>(
        kColleagueCsvColumns, [&](const PageRequest& page) { return store.ListColleagues(page); },
        ColleagueCsvFields, sink);
  } else if (records == "invoices") {
    written = WritePages<Invoice>(
        kInvoiceCsvColumns,
        [&](const PageRequest& page) { return store.ListInvoices(InvoiceFilter{}, page); },
        InvoiceCsvFields, sink);
  } else if (records == "payments") {
    written = WritePages<Payment>(
        kPaymentCsvColumns, [&](const PageRequest& page) { return store.ListPayments("", page); },
        PaymentCsvFields, sink);
  } else {
    context.err << "duly: cannot export '" << records
                << "'; use customers, colleagues, invoices or payments\n";
    return kExitUsage;
  }
  if (!written) {
    PrintError(context.err, written.error().WithContext("export of " + std::string(records)));
    return kExitFailure;
  }
  sink.flush();
  return kExitOk;
}

void AddExportCommand(CLI::App& app, CommandContext& context) {
  struct Options {
    std::string records;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("export", "Export records as CSV");
  command->add_option("records", options->records, "customers, colleagues, invoices or payments")
      ->required()
      ->check(CLI::IsMember({"customers", "colleagues", "invoices", "payments"}));
  command->add_option("--output,-o", options->output, "Write to FILE instead of standard output");
  command->callback([&context, options] {
    auto store = context.OpenDatabase();
    if (!store) {
      context.exit_code = kExitFailure;
      return;
    }
    if (options->output.empty()) {
      context.exit_code = RunExport(*store, options->records, context.out, context);
      return;
    }
    const std::string partial = options->output + ".partial";
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) {
      context.err << "duly: cannot write " << partial << '\n';
      context.exit_code = kExitFailure;
      return;
    }
    context.exit_code = RunExport(*store, options->records, file, context);
    file.close();
    std::error_code error;
    if (context.exit_code == kExitOk && file) {
      std::filesystem::rename(partial, options->output, error);
      if (!error) return;
      context.err << "duly: cannot write " << options->output << ": " << error.message() << '\n';
    }
    std::filesystem::remove(partial, error);
    context.exit_code = kExitFailure;
  });
}

}  // namespace duly::daemon
