// StatementStoreFixture: the fixture of the statements room's store tests: a fresh SQLite
// database (migrated) in a temporary directory, a manual clock and a SociStatementStore over the
// store's connections. Test-only; one per test; not synchronised.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "daemon/statements/statement_file.h"
#include "daemon/statements/statement_files_test_support.h"
#include "daemon/store/soci_statement_store.h"
#include "daemon/store/soci_store.h"

namespace duly::statements::testing {

class StatementStoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("duly_statements_test_" + std::to_string(getpid()) + "_" +
            std::to_string(counter.fetch_add(1)));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto url = daemon::DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string());
    ASSERT_TRUE(url);
    auto store = daemon::OpenStore(*url, clock_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    statements_ = std::make_unique<daemon::SociStatementStore>(store_->SharedConnections(), clock_);
  }
  void TearDown() override {
    statements_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Customer AddCustomer(const std::string& id, const std::string& name, const std::string& country,
                       const std::string& iban = "") {
    Customer customer;
    customer.id = id;
    customer.name = name;
    customer.email = "ap@example.com";
    customer.address.country = country;
    customer.iban = iban;
    auto done = store_->UpsertCustomers({customer}, Actor{"test"});
    EXPECT_TRUE(done) << done.error().message;
    return customer;
  }
  void AddInvoice(const std::string& id, const std::string& customer, long long cents,
                  const std::string& reference = "", const std::string& due = "2026-02-01") {
    Invoice invoice;
    invoice.id = id;
    invoice.customer = customer;
    invoice.issued = ParseCalendarDate("2026-01-01").value();
    invoice.due = ParseCalendarDate(due).value();
    invoice.amount = Money::FromCents(cents);
    invoice.reference = reference;
    auto done = store_->UpsertInvoices({invoice}, Actor{"test"});
    ASSERT_TRUE(done) << done.error().message;
  }
  // Reads, parses and imports one file; fails the test on any error.
  ImportReport ImportFile(const std::filesystem::path& path) {
    auto file = ReadStatementFile(ReadWhole(path));
    EXPECT_TRUE(file) << path << ": " << (file ? "" : file.error().message);
    if (!file) return {};
    auto report = statements_->ImportStatement(*file, Actor{"test"});
    EXPECT_TRUE(report) << path << ": " << (report ? "" : report.error().message);
    return report ? *report : ImportReport{};
  }
  Invoice Get(const std::string& id) { return store_->GetInvoice(id).value(); }

  std::filesystem::path dir_;
  ManualClock clock_{FromEpochMillis(1767225600000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<daemon::SociStore> store_;
  std::unique_ptr<daemon::SociStatementStore> statements_;
};

}  // namespace duly::statements::testing
