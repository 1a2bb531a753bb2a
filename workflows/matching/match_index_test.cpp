#include "workflows/matching/match_index.h"

#include <gtest/gtest.h>

#include "workflows/matching/match_keys.h"

namespace duly {
namespace {

constexpr CalendarDate kDue = date::sys_days{date::year{2026} / 3 / 1};

OpenItem Item(const char* id, const char* customer, std::int64_t cents, const char* reference = "",
              InvoiceKind kind = InvoiceKind::kInvoice, const char* corrects = "") {
  return {id, customer, kind, Money::FromCents(cents), "EUR", kDue, reference, corrects};
}

TEST(MatchIndexTest, RefusesBadItemsAndDuplicates) {
  MatchIndex index;
  struct Case {
    OpenItem item;
    ErrorCode code;
    const char* field;
  };
  OpenItem no_currency = Item("X-1", "C1", 100);
  no_currency.currency = "eur";
  ASSERT_TRUE(index.AddItem(Item("INV-1", "C1", 100)));
  const Case cases[] = {
      {Item("", "C1", 100), ErrorCode::kInvalidArgument, "/id"},
      {Item("X-1", "", 100), ErrorCode::kInvalidArgument, "/customer"},
      {no_currency, ErrorCode::kInvalidArgument, "/currency"},
      {Item("INV-1", "C2", 100), ErrorCode::kConflict, ""},
  };
  for (const Case& c : cases) {
    const Status status = index.AddItem(c.item);
    ASSERT_FALSE(status) << c.item.id;
    EXPECT_EQ(status.error().code, c.code) << c.item.id;
    if (*c.field != '\0') {
      ASSERT_EQ(status.error().fields.size(), 1u);
      EXPECT_EQ(status.error().fields[0].field, c.field);
    }
  }
  EXPECT_FALSE(index.AddCustomer({"", "Acme", {}}));
  EXPECT_EQ(index.open_item_count(), 1u);
}

TEST(MatchIndexTest, SkipsItemsThatAreNotOpen) {
  MatchIndex index;
  ASSERT_TRUE(index.AddItem(Item("INV-1", "C1", 0, "+++123/4567/89002+++")));
  EXPECT_EQ(index.open_item_count(), 0u);
  EXPECT_TRUE(index.ItemsByReference("123456789002").empty());
}

TEST(MatchIndexTest, LooksUpByEveryKey) {
  MatchIndex index;
  ASSERT_TRUE(index.AddItem(Item("INV-2026-001", "C1", 10000, "+++123/4567/89002+++")));
  ASSERT_TRUE(index.AddItem(Item("INV-2026-002", "C1", 10000, "not a reference")));
  ASSERT_TRUE(index.AddCustomer({"C1", "Acme B.V.", {"nl91 abna 0417 1643 00"}}));
  ASSERT_TRUE(index.AddCustomer({"C2", "ACME BV", {"NL91ABNA0417164300"}}));

  ASSERT_EQ(index.ItemsByReference("123456789002").size(), 1u);
  EXPECT_EQ(index.item(index.ItemsByReference("123456789002")[0]).id, "INV-2026-001");
  ASSERT_EQ(index.ItemsByNumber("INV2026002").size(), 1u);
  EXPECT_EQ(index.ItemsByAmount(Money::FromCents(10000)).size(), 2u);
  const auto customers = index.CustomersByIban(IbanKey("NL91 ABNA 0417 1643 00"));
  ASSERT_EQ(customers.size(), 2u);  // one account, two customers
  EXPECT_EQ(index.customer_id(customers[0]), "C1");
  EXPECT_EQ(index.CustomersByName("acme").size(), 2u);
  EXPECT_EQ(index.ItemsByCustomerAmount(customers[0], Money::FromCents(10000)).size(), 2u);
  EXPECT_TRUE(index.ItemsByCustomerAmount(customers[1], Money::FromCents(10000)).empty());
}

TEST(MatchIndexTest, LinksCreditNotesInEitherOrder) {
  MatchIndex index;
  ASSERT_TRUE(index.AddItem(Item("CN-1", "C1", 500, "", InvoiceKind::kCreditNote, "INV-1")));
  ASSERT_TRUE(index.AddItem(Item("INV-1", "C1", 2000)));
  ASSERT_TRUE(index.AddItem(Item("CN-2", "C1", 300, "", InvoiceKind::kCreditNote, "INV-1")));
  const auto invoice = index.FindItem("INV-1");
  ASSERT_TRUE(invoice.has_value());
  EXPECT_EQ(index.CreditNotesFor(*invoice).size(), 2u);
  const auto* totals = index.TotalsOf(index.CustomerOf(*invoice), "EUR");
  ASSERT_NE(totals, nullptr);
  EXPECT_EQ(totals->invoices, Money::FromCents(2000));
  EXPECT_EQ(totals->credit_notes, Money::FromCents(800));
  EXPECT_EQ(totals->open_invoices, 1u);
}

TEST(MatchIndexTest, ApplyLowersOpenAmountsAndReindexes) {
  MatchIndex index;
  ASSERT_TRUE(index.AddItem(Item("INV-1", "C1", 2000)));
  ASSERT_TRUE(index.AddItem(Item("CN-1", "C1", 500, "", InvoiceKind::kCreditNote, "INV-1")));
  const Allocation partial[] = {{"INV-1", Money::FromCents(700)}};
  const CreditNoteUse use[] = {{"CN-1", "INV-1", Money::FromCents(500)}};
  ASSERT_TRUE(index.Apply(partial, use));
  const auto invoice = *index.FindItem("INV-1");
  EXPECT_EQ(index.item(invoice).open_amount, Money::FromCents(800));
  EXPECT_TRUE(index.ItemsByAmount(Money::FromCents(2000)).empty());
  EXPECT_EQ(index.ItemsByAmount(Money::FromCents(800)).size(), 1u);
  EXPECT_FALSE(index.IsOpen(*index.FindItem("CN-1")));
  EXPECT_EQ(index.open_item_count(), 1u);

  const Allocation rest[] = {{"INV-1", Money::FromCents(800)}};
  ASSERT_TRUE(index.Apply(rest, {}));
  EXPECT_FALSE(index.IsOpen(invoice));
  EXPECT_EQ(index.open_item_count(), 0u);
  EXPECT_EQ(index.TotalsOf(index.CustomerOf(invoice), "EUR")->open_invoices, 0u);
}

TEST(MatchIndexTest, ApplyIsAllOrNothing) {
  MatchIndex index;
  ASSERT_TRUE(index.AddItem(Item("INV-1", "C1", 2000)));
  ASSERT_TRUE(index.AddItem(Item("INV-2", "C1", 1000)));
  struct Case {
    std::vector<Allocation> allocations;
    ErrorCode code;
  };
  const Case cases[] = {
      {{{"INV-1", Money::FromCents(500)}, {"INV-9", Money::FromCents(1)}}, ErrorCode::kNotFound},
      {{{"INV-1", Money::FromCents(1500)}, {"INV-1", Money::FromCents(600)}},
       ErrorCode::kConflict},  // 2100 > 2000 together
      {{{"INV-2", Money::FromCents(0)}}, ErrorCode::kConflict},
  };
  for (const Case& c : cases) {
    const Status status = index.Apply(c.allocations, {});
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, c.code);
  }
  EXPECT_EQ(index.item(*index.FindItem("INV-1")).open_amount, Money::FromCents(2000));
  EXPECT_EQ(index.item(*index.FindItem("INV-2")).open_amount, Money::FromCents(1000));
}

}  // namespace
}  // namespace duly
