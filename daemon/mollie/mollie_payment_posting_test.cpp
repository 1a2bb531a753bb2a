#include "daemon/mollie/mollie_payment_posting.h"

#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

channels::mollie::MolliePayment Paid(std::int64_t cents) {
  channels::mollie::MolliePayment payment;
  payment.id = "tr_abc";
  payment.status = "paid";
  payment.amount = Money::FromCents(cents);
  payment.currency = "EUR";
  payment.description = "Invoices INV-1, INV-2";
  payment.method = "ideal";
  payment.paid_at = *channels::mollie::ParseMollieInstant("2026-03-10T23:30:00+00:00");
  return payment;
}

Invoice Open(std::string id, std::int64_t open_cents) {
  Invoice invoice;
  invoice.id = std::move(id);
  invoice.customer = "C1";
  invoice.amount = Money::FromCents(open_cents + 100);
  invoice.open_amount = Money::FromCents(open_cents);
  return invoice;
}

TEST(MolliePaymentPostingTest, AllocatesToTheInvoicesInOrderAndKeepsTheRestAsCredit) {
  const Payment posted =
      PaymentFromMollie("tr_abc", Paid(25000), "C1", {Open("INV-1", 10000), Open("INV-2", 10000)},
                        "Europe/Amsterdam");
  EXPECT_EQ(posted.id, "mollie:tr_abc");
  EXPECT_EQ(posted.customer, "C1");
  EXPECT_EQ(posted.amount, Money::FromCents(25000));
  EXPECT_EQ(posted.currency, "EUR");
  EXPECT_EQ(posted.received, *ParseCalendarDate("2026-03-11"));  // 00:30 in Amsterdam
  EXPECT_EQ(posted.method, "ideal");
  EXPECT_EQ(posted.reference, "tr_abc");
  EXPECT_EQ(posted.remittance, "Invoices INV-1, INV-2");
  EXPECT_EQ(posted.allocations, (std::vector<Allocation>{{"INV-1", Money::FromCents(10000)},
                                                         {"INV-2", Money::FromCents(10000)}}));
  EXPECT_TRUE(Validate(posted).empty());
}

TEST(MolliePaymentPostingTest, APartialPaymentFillsTheFirstInvoicesFirst) {
  const Payment posted = PaymentFromMollie("tr_abc", Paid(12000), "C1",
                                           {Open("INV-1", 10000), Open("INV-2", 10000)}, "UTC");
  EXPECT_EQ(posted.allocations, (std::vector<Allocation>{{"INV-1", Money::FromCents(10000)},
                                                         {"INV-2", Money::FromCents(2000)}}));
  EXPECT_EQ(posted.received, *ParseCalendarDate("2026-03-10"));
}

TEST(MolliePaymentPostingTest, SkipsInvoicesItCannotPay) {
  Invoice paid = Open("INV-PAID", 0);
  paid.status = InvoiceStatus::kPaid;
  Invoice dollars = Open("INV-USD", 5000);
  dollars.currency = "USD";
  Invoice credit = Open("CN-1", 5000);
  credit.kind = InvoiceKind::kCreditNote;
  const Payment posted = PaymentFromMollie("tr_abc", Paid(5000), "C1",
                                           {paid, dollars, credit, Open("INV-3", 9000)}, "UTC");
  EXPECT_EQ(posted.allocations, (std::vector<Allocation>{{"INV-3", Money::FromCents(5000)}}));
}

TEST(MolliePaymentPostingTest, MapsMolliesMethods) {
  EXPECT_EQ(PaymentMethodOf("creditcard"), "card");
  EXPECT_EQ(PaymentMethodOf("banktransfer"), "bank_transfer");
  EXPECT_EQ(PaymentMethodOf("directdebit"), "direct_debit");
  EXPECT_EQ(PaymentMethodOf("bancontact"), "other");
  EXPECT_EQ(PaymentMethodOf(""), "other");
  for (const char* method : {"ideal", "creditcard", "banktransfer", "directdebit", "paypal"}) {
    EXPECT_TRUE(IsPaymentMethod(PaymentMethodOf(method))) << method;
  }
}

}  // namespace
}  // namespace duly::daemon
