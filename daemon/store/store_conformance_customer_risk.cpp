// The store conformance suite: a customer's risk rating (migration 0003) is stored, read back,
// detected as a change on its own and refused by the database when it is not a known rating.
#include <algorithm>

#include <soci/soci.h>

#include "daemon/store/store_conformance.h"

namespace duly::daemon {

TEST_P(StoreConformance, MigrationThreeAddsTheCustomerRiskRating) {
  auto list = store_->Migrations();
  ASSERT_TRUE(list) << list.error().message;
  const auto risk = std::find_if(list->begin(), list->end(),
                                 [](const MigrationInfo& info) { return info.version == 3; });
  ASSERT_NE(risk, list->end());
  EXPECT_EQ(risk->name, "customer_risk");
  EXPECT_TRUE(risk->applied);
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  EXPECT_EQ(SqlText("SELECT risk_rating FROM customers WHERE id = 'C1'"), "");
  // The CHECK refuses what Validate() would have refused.
  EXPECT_THROW(RawSql("UPDATE customers SET risk_rating = 'severe' WHERE id = 'C1'"),
               soci::soci_error);
  EXPECT_THROW(RawSql("UPDATE customers SET risk_rating = NULL WHERE id = 'C1'"), soci::soci_error);
  RawSql("UPDATE customers SET risk_rating = 'medium' WHERE id = 'C1'");
  EXPECT_EQ(store_->GetCustomer("C1")->risk_rating, "medium");
}

TEST_P(StoreConformance, CustomerRiskRatingRoundTripsAndIsAChange) {
  Customer rated = MakeCustomer("C1");
  rated.risk_rating = "high";
  ASSERT_TRUE(store_->UpsertCustomers({rated, MakeCustomer("C2")}, kActor));
  auto got = store_->GetCustomer("C1");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(*got, rated);
  EXPECT_EQ(store_->GetCustomer("C2")->risk_rating, "");
  auto page = store_->ListCustomers({"", 10});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 2U);
  EXPECT_EQ(page->items[0].risk_rating, "high");

  auto again = store_->UpsertCustomers({rated}, kActor);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, 1);

  // Only the rating changes: an update with its event, twice (lowered, then unknown again).
  rated.risk_rating = "low";
  auto lowered = store_->UpsertCustomers({rated}, kActor);
  ASSERT_TRUE(lowered) << lowered.error().message;
  EXPECT_EQ(lowered->updated, 1);
  EXPECT_EQ(store_->GetCustomer("C1")->risk_rating, "low");
  rated.risk_rating = "";
  auto cleared = store_->UpsertCustomers({rated}, kActor);
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->updated, 1);
  EXPECT_EQ(store_->GetCustomer("C1")->risk_rating, "");
  auto events = store_->ListCustomerEvents("C1", {});
  ASSERT_TRUE(events);
  ASSERT_EQ(events->items.size(), 3U);
  EXPECT_EQ(events->items[1].type, "customer.updated");
  EXPECT_NE(events->items[1].payload.find("\"risk_rating\":\"low\""), std::string::npos)
      << events->items[1].payload;
  EXPECT_EQ(events->items[2].type, "customer.updated");
  EXPECT_TRUE(store_->VerifyHistory());

  Customer wrong = MakeCustomer("C3");
  wrong.risk_rating = "severe";
  auto refused = store_->UpsertCustomers({wrong}, kActor);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(HasField(refused.error(), "/0/risk_rating"));
}

}  // namespace duly::daemon
