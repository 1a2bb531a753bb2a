#include "bench/dispatch_bench_seed.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "workflows/workflow_parser.h"

namespace duly::bench {
namespace {

constexpr std::int64_t kBatch = 5'000;

const char* const kSegments = R"({"segments": [{"id": "everyone", "priority": 1, "when": {}}]})";

std::string WorkflowText(const std::string& channel) {
  return R"({
  "id": "bench", "name": "Bench", "segment": "everyone",
  "steps": [ { "id": "reminder", "at": "due+0d",
               "action": { "type": "message", "channel": ")" +
         channel + R"(", "template": "reminder-friendly" } } ]
})";
}

// "+3247" and seven digits: a Belgian mobile number in E.164, unique per customer.
std::string MobileNumber(std::int64_t n) {
  char number[16];
  std::snprintf(number, sizeof number, "+3247%07lld", static_cast<long long>(n % 10'000'000));
  return number;
}

}  // namespace

Status SaveDispatchCatalog(CatalogStore& catalog, const std::string& channel) {
  const Actor actor{"bench"};
  if (Result<SegmentsVersion> saved = catalog.SaveSegments(kSegments, actor); !saved) {
    return saved.error();
  }
  const std::string text = WorkflowText(channel);
  Result<Workflow> workflow = ParseWorkflowText(text);
  if (!workflow) return workflow.error();
  if (Result<WorkflowVersion> saved = catalog.SaveWorkflow(*workflow, text, actor); !saved) {
    return saved.error();
  }
  return {};
}

Status CreateDispatchInvoices(Store& store, const std::string& prefix, std::int64_t count,
                              CalendarDate due) {
  const Actor actor{"bench"};
  for (std::int64_t first = 0; first < count; first += kBatch) {
    const std::int64_t last = std::min(count, first + kBatch);
    std::vector<Customer> customers;
    std::vector<Invoice> invoices;
    for (std::int64_t n = first; n < last; ++n) {
      Customer customer;
      customer.id = prefix + "C" + std::to_string(n);
      customer.name = "Klant " + std::to_string(n) + " BV";
      customer.email = "klant" + std::to_string(n) + "@bench.example";
      customer.phone = MobileNumber(n);
      customers.push_back(std::move(customer));
      Invoice invoice;
      invoice.id = prefix + std::to_string(n);
      invoice.customer = prefix + "C" + std::to_string(n);
      invoice.issued = due - date::days(30);
      invoice.due = due;
      invoice.amount = Money::FromCents(10'000 + n % 5'000);
      invoices.push_back(std::move(invoice));
    }
    if (auto upserted = store.UpsertCustomers(customers, actor); !upserted) {
      return upserted.error();
    }
    if (auto upserted = store.UpsertInvoices(invoices, actor); !upserted) return upserted.error();
  }
  return {};
}

}  // namespace duly::bench
