#include "daemon/cli/demo_command.h"

#include "daemon/cli/demo_data.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {
namespace {

void PrintSummary(std::ostream& out, const char* records, const UpsertSummary& summary) {
  out << "  " << records << ": " << summary.created << " created, " << summary.updated
      << " updated, " << summary.unchanged << " unchanged\n";
}

// Saves the demo segments and workflows (a save equal to the latest version is a no-op).
Status SaveDemoCatalog(CatalogStore& catalog, const DemoDataSet& set, const Actor& actor) {
  auto segments = catalog.SaveSegments(set.segments, actor);
  if (!segments) return segments.error().WithContext("demo segments");
  for (const std::string& text : set.workflows) {
    auto workflow = ParseWorkflowText(text);
    if (!workflow) return workflow.error().WithContext("demo workflow");
    auto saved = catalog.SaveWorkflow(*workflow, text, actor);
    if (!saved) return saved.error().WithContext("demo workflow " + workflow->id);
  }
  return Status::Ok();
}

}  // namespace

Result<DemoLoadSummary> LoadDemoData(Store& store, CatalogStore& catalog, CalendarDate today) {
  const DemoDataSet set = MakeDemoDataSet(today);
  const Actor actor = CommandLineActor();
  DemoLoadSummary summary;
  // Segments and workflows first, so the invoices' start timers find them.
  if (Status saved = SaveDemoCatalog(catalog, set, actor); !saved) return std::move(saved).error();
  auto colleagues = store.UpsertColleagues(set.colleagues, actor);
  if (!colleagues) return colleagues.error().WithContext("demo colleagues");
  summary.colleagues = *colleagues;
  auto customers = store.UpsertCustomers(set.customers, actor);
  if (!customers) return customers.error().WithContext("demo customers");
  summary.customers = *customers;
  auto invoices = store.UpsertInvoices(set.invoices, actor);
  if (!invoices) return invoices.error().WithContext("demo invoices");
  summary.invoices = *invoices;

  // A payment is immutable once posted, and the set's dates move with the calendar: post only
  // the payments not yet there.
  std::vector<Payment> fresh;
  for (const Payment& payment : set.payments) {
    auto stored = store.GetPayment(payment.id);
    if (stored) {
      ++summary.payments.unchanged;
    } else if (stored.error().code == ErrorCode::kNotFound) {
      fresh.push_back(payment);
    } else {
      return stored.error().WithContext("demo payment " + payment.id);
    }
  }
  if (!fresh.empty()) {
    auto payments = store.PostPayments(fresh, actor);
    if (!payments) return payments.error().WithContext("demo payments");
    summary.payments.created += payments->created;
    summary.payments.updated += payments->updated;
    summary.payments.unchanged += payments->unchanged;
  }
  return summary;
}

int RunDemoLoad(Store& store, CatalogStore& catalog, CommandContext& context) {
  const CalendarDate today = LocalDay(context.clock.Now(), kDefaultTimeZone);
  auto summary = LoadDemoData(store, catalog, today);
  if (!summary) {
    PrintError(context.err, summary.error());
    return kExitFailure;
  }
  context.out << "Demo data for " << FormatCalendarDate(today) << ":\n";
  PrintSummary(context.out, "colleagues", summary->colleagues);
  PrintSummary(context.out, "customers", summary->customers);
  PrintSummary(context.out, "invoices", summary->invoices);
  PrintSummary(context.out, "payments", summary->payments);
  return kExitOk;
}

void AddDemoCommand(CLI::App& app, CommandContext& context) {
  auto* demo = app.add_subcommand("demo", "Demo data");
  demo->require_subcommand(1);
  auto* load = demo->add_subcommand("load", "Load the demo data set (safe to run again)");
  load->callback([&context] {
    auto store = context.OpenDatabase();
    context.exit_code = store ? RunDemoLoad(*store, *store, context) : kExitFailure;
  });
}

}  // namespace duly::daemon
