// SociPaymentLinkStore over a real SQLite file, sharing the SociStore's connections.
#include "daemon/store/soci_payment_link_store.h"

#include <atomic>
#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "daemon/store/soci_store.h"

namespace duly::daemon {
namespace {

namespace fs = std::filesystem;
const Actor kTest{"test"};

class SociPaymentLinkStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("duly_links_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto url = DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string());
    ASSERT_TRUE(url);
    auto store = OpenStore(*url, clock_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    links_ = std::make_unique<SociPaymentLinkStore>(store_->SharedConnections(), store_->clock());
  }
  void TearDown() override {
    links_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  PaymentLink Link(std::string id, Instant created) const {
    PaymentLink link;
    link.provider_id = std::move(id);
    link.customer = "C1";
    link.invoices = {"INV-1", "INV-2"};
    link.amount = Money::FromCents(123456);
    link.checkout_url = "https://www.mollie.com/checkout/select-method/abc";
    link.status = "open";
    link.created_at = created;
    link.expires_at = created + std::chrono::hours(24);
    return link;
  }

  std::int64_t Events() const { return store_->VerifyHistory()->events; }

  ManualClock clock_{FromEpochMillis(1773129600000)};  // 2026-03-10T08:00:00Z
  fs::path dir_;
  std::unique_ptr<SociStore> store_;
  std::unique_ptr<SociPaymentLinkStore> links_;
};

TEST_F(SociPaymentLinkStoreTest, SavesAndFindsALinkOnce) {
  const PaymentLink link = Link("tr_1", clock_.Now());
  ASSERT_TRUE(links_->SaveLink(link, kTest));
  const std::int64_t events = Events();
  EXPECT_EQ(events, 1);
  ASSERT_TRUE(links_->SaveLink(link, kTest));  // the same again: nothing new
  EXPECT_EQ(Events(), events);
  auto found = links_->FindLink("tr_1");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, link);
  EXPECT_FALSE(links_->FindLink("tr_2")->has_value());
  PaymentLink other = link;
  other.amount = Money::FromCents(1);
  Status conflict = links_->SaveLink(other, kTest);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_F(SociPaymentLinkStoreTest, ReusesOnlyAnOpenUnexpiredLinkForTheSameInvoicesAndAmount) {
  const Instant now = clock_.Now();
  ASSERT_TRUE(links_->SaveLink(Link("tr_old", now - std::chrono::hours(2)), kTest));
  ASSERT_TRUE(links_->SaveLink(Link("tr_new", now - std::chrono::hours(1)), kTest));
  const std::vector<std::string> invoices = {"INV-1", "INV-2"};
  const Money amount = Money::FromCents(123456);
  auto reuse = links_->FindReusableLink("C1", invoices, amount, "EUR", now);
  ASSERT_TRUE(reuse);
  ASSERT_TRUE(reuse->has_value());
  EXPECT_EQ((*reuse)->provider_id, "tr_new");
  EXPECT_FALSE(links_->FindReusableLink("C2", invoices, amount, "EUR", now)->has_value());
  EXPECT_FALSE(links_->FindReusableLink("C1", {"INV-2", "INV-1"}, amount, "EUR", now)->has_value());
  EXPECT_FALSE(links_->FindReusableLink("C1", {"INV-1"}, amount, "EUR", now)->has_value());
  EXPECT_FALSE(
      links_->FindReusableLink("C1", invoices, Money::FromCents(100), "EUR", now)->has_value());
  EXPECT_FALSE(links_->FindReusableLink("C1", invoices, amount, "USD", now)->has_value());
  EXPECT_FALSE(links_->FindReusableLink("C1", invoices, amount, "EUR", now + std::chrono::hours(23))
                   ->has_value());
  ASSERT_TRUE(links_->SetLinkStatus("tr_new", "expired", kTest));
  EXPECT_EQ((*links_->FindReusableLink("C1", invoices, amount, "EUR", now))->provider_id, "tr_old");
  ASSERT_TRUE(links_->SetLinkStatus("tr_old", "paid", kTest));
  EXPECT_FALSE(links_->FindReusableLink("C1", invoices, amount, "EUR", now)->has_value());
}

TEST_F(SociPaymentLinkStoreTest, RecordsStatusChangesOnce) {
  ASSERT_TRUE(links_->SaveLink(Link("tr_1", clock_.Now()), kTest));
  ASSERT_TRUE(links_->SetLinkStatus("tr_1", "paid", kTest));
  const std::int64_t events = Events();
  ASSERT_TRUE(links_->SetLinkStatus("tr_1", "paid", kTest));
  EXPECT_EQ(Events(), events);
  auto history = store_->ListCustomerEvents("C1", PageRequest{});
  ASSERT_TRUE(history);
  ASSERT_EQ(history->items.size(), 2u);
  EXPECT_EQ(history->items[0].type, "payment_link.created");
  EXPECT_EQ(history->items[1].type, "payment_link.status");
  Status unknown = links_->SetLinkStatus("tr_2", "paid", kTest);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  Status bad = links_->SetLinkStatus("tr_1", "settled", kTest);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "/status");
}

TEST_F(SociPaymentLinkStoreTest, RefusesAnInvalidLinkNamingTheField) {
  PaymentLink link = Link("tr_1", clock_.Now());
  link.invoices.clear();
  Status refused = links_->SaveLink(link, kTest);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "/invoices");
  link = Link("tr_1", clock_.Now());
  link.checkout_url = "javascript:alert(1)";
  EXPECT_EQ(links_->SaveLink(link, kTest).error().fields.at(0).field, "/checkout_url");
  link = Link("tr_1", clock_.Now());
  link.status = "done";
  EXPECT_EQ(links_->SaveLink(link, kTest).error().fields.at(0).field, "/status");
  EXPECT_EQ(Events(), 0);
}

}  // namespace
}  // namespace duly::daemon
