// duly::daemon case conformance helpers: the colleagues (a billing team under a finance manager
// under the CFO, an account manager, a collector), customers C1 (account manager "am") and C2 and
// invoices I1, I2 (C1) and I3 (C2) the case tests start from. Thread-safety: test code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/store/soci_case_store.h"
#include "daemon/store/store_conformance.h"

namespace duly::daemon {

inline Colleague Person(const std::string& id, const std::string& department,
                        const std::string& role, const std::string& manager,
                        const std::string& notify = "email") {
  Colleague colleague;
  colleague.id = id;
  colleague.name = "Colleague " + id;
  colleague.department = department;
  colleague.role = role;
  colleague.manager = manager;
  colleague.email = id + "@duly.example";
  colleague.phone = "+31600000001";
  colleague.notify = notify;
  return colleague;
}

// The colleagues, customers and invoices every case test starts from, and a SociCaseStore over
// the store's connections.
inline std::unique_ptr<SociCaseStore> SeedCases(SociStore& store) {
  EXPECT_TRUE(store.UpsertColleagues(
      {Person("cfo", "board", "manager", ""), Person("bm", "finance", "manager", "cfo", "sms"),
       Person("b1", "billing", "colleague", "bm"), Person("b2", "billing", "colleague", "bm"),
       Person("am", "sales", "colleague", "cfo"), Person("k1", "credit", "collector", "bm")},
      kActor));
  Customer c1 = MakeCustomer("C1");
  c1.account_manager = "am";
  EXPECT_TRUE(store.UpsertCustomers({c1, MakeCustomer("C2")}, kActor));
  EXPECT_TRUE(store.UpsertInvoices(
      {MakeInvoice("I1", "C1", 10000), MakeInvoice("I2", "C1", 5000), MakeInvoice("I3", "C2", 700)},
      kActor));
  return std::make_unique<SociCaseStore>(store.SharedConnections(), store.clock());
}

inline ComplaintCase Open(CaseStore& cases, const std::vector<std::string>& invoices,
                          const std::string& category, const std::string& customer = "C1") {
  auto opened = cases.OpenCase(
      NewCase{customer, invoices, category, "The price should be 80.00", "api", ""}, kActor);
  return opened ? *opened : ComplaintCase{};
}

}  // namespace duly::daemon
