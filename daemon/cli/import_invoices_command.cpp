#include "daemon/cli/import_invoices_command.h"

#include <fstream>
#include <memory>
#include <sstream>

#include "daemon/einvoice/ubl_import.h"

namespace duly::daemon {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return NotFound("cannot open " + path);
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return Unavailable("cannot read " + path);
  return text.str();
}

}  // namespace

int RunImportInvoices(Store& store, const std::vector<std::string>& paths,
                      CommandContext& context) {
  std::vector<einvoice::UblFile> files;
  for (const std::string& path : paths) {
    auto text = ReadFile(path);
    if (!text) {
      PrintError(context.err, text.error());
      return kExitFailure;
    }
    files.push_back({path, std::move(*text)});
  }
  auto imported = einvoice::ImportUblFiles(store, files, CommandLineActor());
  if (!imported) {
    PrintError(context.err, imported.error());
    context.err << "duly: nothing was imported\n";
    return kExitFailure;
  }
  for (const einvoice::UblImportItem& item : imported->items) {
    context.out << item.file << ": "
                << (item.kind == InvoiceKind::kCreditNote ? "credit note " : "invoice ")
                << item.invoice << " for customer " << item.customer << " ("
                << (item.matched_by == einvoice::CustomerMatchRule::kCreated
                        ? std::string("new customer")
                        : std::string("matched by ") +
                              einvoice::CustomerMatchRuleName(item.matched_by))
                << ")\n";
  }
  context.out << "Imported " << imported->items.size()
              << " e-invoices: " << imported->customers.created << " customers created; invoices "
              << imported->invoices.created << " created, " << imported->invoices.updated
              << " updated, " << imported->invoices.unchanged << " unchanged.\n";
  return kExitOk;
}

void AddImportInvoicesCommand(CLI::App& app, CommandContext& context) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto* command = app.add_subcommand(
      "import-invoices",
      "Import UBL 2.1 / Peppol BIS 3.0 invoices and credit notes; one bad file rejects them all");
  command->add_option("files", *paths, "UBL Invoice or CreditNote XML files")->required();
  command->callback([&context, paths] {
    auto store = context.OpenDatabase();
    context.exit_code = store ? RunImportInvoices(*store, *paths, context) : kExitFailure;
  });
}

}  // namespace duly::daemon
