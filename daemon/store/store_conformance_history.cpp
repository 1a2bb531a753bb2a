// The store conformance suite, part two: pagination, tokens, the history chain, concurrency.
#include <algorithm>
#include <thread>

#include "daemon/store/store_conformance.h"

namespace duly::daemon {

TEST_P(StoreConformance, KeysetPagination) {
  std::vector<Customer> customers;
  for (int i = 0; i < 25; ++i) customers.push_back(MakeCustomer("C" + std::to_string(100 + i)));
  ASSERT_TRUE(store_->UpsertCustomers(customers, kActor));
  std::vector<std::string> seen;
  PageRequest page{"", 10};
  for (;;) {
    auto result = store_->ListCustomers(page);
    ASSERT_TRUE(result);
    for (const Customer& c : result->items) seen.push_back(c.id);
    if (result->next_after.empty()) break;
    page.after = result->next_after;
  }
  ASSERT_EQ(seen.size(), 25U);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(store_->ListCustomers({"", 0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->ListCustomerEvents("C100", {"x", 10}).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformance, TokensCreateFindRevoke) {
  ApiToken token;
  token.name = "erp-sync";
  token.role = Role::kIntegration;
  token.hash = std::string(64, 'a');
  auto created = store_->CreateToken(token, kActor);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_GT(created->id, 0);
  auto found = store_->FindTokenByHash(token.hash);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "erp-sync");
  EXPECT_FALSE(found->revoked_at);
  EXPECT_EQ(store_->FindTokenByHash(std::string(64, 'b')).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->CreateToken(token, kActor).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store_->RevokeToken(created->id, kActor));
  EXPECT_TRUE(store_->FindTokenByHash(token.hash)->revoked_at);
  EXPECT_EQ(store_->RevokeToken(9999, kActor).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, HistoryChainDetectsTampering) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  auto verdict = store_->VerifyHistory();
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->intact) << verdict->problem;
  EXPECT_EQ(verdict->events, 3);
  RawSql("UPDATE events SET payload = '{\"name\":\"forged\"}' WHERE seq = 2");
  verdict = store_->VerifyHistory();
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->intact);
  EXPECT_EQ(verdict->first_bad_seq, 2);
}

TEST_P(StoreConformance, HistoryChainDetectsDeletion) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2"), MakeCustomer("C3")},
                                      kActor));
  RawSql("DELETE FROM events WHERE seq = 2");
  auto verdict = store_->VerifyHistory();
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->intact);
  EXPECT_EQ(verdict->first_bad_seq, 2);
  EXPECT_NE(verdict->problem.find("gap after 1"), std::string::npos) << verdict->problem;
}

TEST_P(StoreConformance, ConcurrentWritersKeepTheChain) {
  auto other = OpenAgain();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    SociStore* target = t % 2 == 0 ? store_.get() : other.get();
    threads.emplace_back([target, t] {
      for (int i = 0; i < 10; ++i) {
        auto id = "T" + std::to_string(t) + "-" + std::to_string(i);
        auto result = target->UpsertInvoices({MakeInvoice(id, "C1", 100 + i)}, kActor);
        EXPECT_TRUE(result) << result.error().message;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto verdict = store_->VerifyHistory();
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->intact) << verdict->problem;
  EXPECT_EQ(verdict->events, 41);
}

}  // namespace duly::daemon
