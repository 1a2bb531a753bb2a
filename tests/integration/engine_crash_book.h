// The books the engine crash test collects: colleagues, customers, invoices, the segments and the
// workflow, and what the workflow must do for each invoice.
//
// Promise: pure functions of the plan; the same plan always gives the same books. Invoices of one
// customer come in pairs due on the same day, so messages and call tasks bundle. Every customer
// can receive e-mail, SMS and letters and has an account manager, so every step of the workflow
// applies; only the courtesy call has a condition (amount >= 5000), which a third of the invoices
// meet. Thread-safe.
#pragma once

#include <string>
#include <vector>

namespace duly::testing {

inline constexpr const char* kCrashWorkflow = "crash-standard";
// The test clock runs from 00:00 UTC of the first day to 00:00 UTC of the last, which is after
// every invoice's last step (the last due date is 2030-01-21, the last step due+17d).
inline constexpr const char* kCrashFirstDay = "2030-01-01";
inline constexpr const char* kCrashLastDay = "2030-02-10";

struct CrashStep {
  std::string id;
  std::string effect;  // "message", "call_task" or "notification"
};

// The workflow's steps in run order.
const std::vector<CrashStep>& CrashSteps();

struct CrashInvoice {
  std::string id;
  std::string customer;
  bool big = false;  // amount >= 5000: the courtesy call runs; otherwise it is skipped
};

std::vector<CrashInvoice> CrashInvoices(int customers, int invoices_per_customer);

std::string CrashSegmentsJson();
std::string CrashWorkflowJson();
std::string CrashColleaguesCsv();
std::string CrashCustomersCsv(int customers);
std::string CrashInvoicesCsv(int customers, int invoices_per_customer);

}  // namespace duly::testing
