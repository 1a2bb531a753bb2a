// The store conformance suite on SQLite: a fresh database file per test.
#include <atomic>
#include <filesystem>

#include <unistd.h>

#include "daemon/store/store_conformance.h"

namespace duly::daemon {
namespace {

StoreTarget SqliteTarget() {
  StoreTarget target;
  target.name = "sqlite";
  target.create = [](std::string&) {
    static std::atomic<int> counter{0};
    auto dir =
        std::filesystem::temp_directory_path() / ("duly_store_test_" + std::to_string(getpid()) +
                                                  "_" + std::to_string(counter.fetch_add(1)));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return "sqlite://" + (dir / "duly.db").string();
  };
  target.drop = [](const std::string& url) {
    std::filesystem::remove_all(std::filesystem::path(url.substr(9)).parent_path());
  };
  return target;
}

TEST(SociStoreSqlite, UnreachableDatabaseIsUnavailable) {
  ManualClock clock(FromEpochMillis(0));
  auto url = DatabaseUrl::Parse("sqlite:///nonexistent-dir/for/duly/test.db");
  ASSERT_TRUE(url);
  auto store = OpenStore(*url, clock);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message.find("nonexistent-dir"), std::string::npos);
}

TEST(SociStoreSqlite, InMemoryDatabaseServesReadsFromTheWriter) {
  ManualClock clock(FromEpochMillis(0));
  auto store = OpenStore(*DatabaseUrl::Parse("sqlite::memory:"), clock);
  ASSERT_TRUE(store) << store.error().message;
  Customer customer;
  customer.id = "C1";
  customer.name = "Memory";
  ASSERT_TRUE((*store)->UpsertCustomers({customer}, {"test"}));
  EXPECT_EQ((*store)->GetCustomer("C1")->name, "Memory");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values(SqliteTarget()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace duly::daemon
