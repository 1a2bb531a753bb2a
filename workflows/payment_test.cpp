#include "workflows/payment.h"

#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

Payment ValidPayment() {
  Payment payment;
  payment.id = "bank-2026-03-01-17";
  payment.customer = "C-1001";
  payment.amount = Money::FromCents(150000);
  payment.currency = "EUR";
  payment.received = *ParseCalendarDate("2026-03-01");
  payment.method = "bank_transfer";
  payment.reference = "+++123/4567/89002+++";
  payment.counterparty_name = "Bakkerij De Vries";
  payment.counterparty_iban = "NL91ABNA0417164300";
  payment.remittance = "INV-1 and INV-2\nthanks";
  payment.allocations = {{"INV-1", Money::FromCents(100000)}, {"INV-2", Money::FromCents(50000)}};
  return payment;
}

std::string OnlyError(const Payment& payment, const std::string& field) {
  const auto errors = Validate(payment);
  EXPECT_EQ(errors.size(), 1U) << field;
  if (errors.empty()) return {};
  EXPECT_EQ(errors[0].field, field);
  EXPECT_FALSE(errors[0].message.empty());
  return errors[0].message;
}

TEST(PaymentTest, AcceptsValidPayment) { EXPECT_TRUE(Validate(ValidPayment()).empty()); }

TEST(PaymentTest, AcceptsUnallocatedPayment) {
  Payment payment = ValidPayment();
  payment.allocations.clear();
  EXPECT_TRUE(Validate(payment).empty());
}

TEST(PaymentTest, ChecksIdAndCustomer) {
  Payment payment = ValidPayment();
  payment.id = "";
  OnlyError(payment, "/id");
  payment = ValidPayment();
  payment.customer = "C\x01";
  OnlyError(payment, "/customer");
}

TEST(PaymentTest, AmountIsPositive) {
  Payment payment = ValidPayment();
  payment.amount = Money::FromCents(-150000);
  payment.allocations.clear();
  OnlyError(payment, "/amount");
}

TEST(PaymentTest, ChecksCurrency) {
  Payment payment = ValidPayment();
  payment.currency = "EU";
  OnlyError(payment, "/currency");
}

TEST(PaymentTest, KnowsMethods) {
  Payment payment = ValidPayment();
  for (const char* method : {"bank_transfer", "direct_debit", "card", "ideal", "cash", "other"}) {
    payment.method = method;
    EXPECT_TRUE(Validate(payment).empty()) << method;
  }
  payment.method = "cheque";
  OnlyError(payment, "/method");
}

TEST(PaymentTest, KeepsUncheckedPayerReferenceButRefusesControlCharacters) {
  Payment payment = ValidPayment();
  payment.reference = "+++123/4567/89012+++";  // wrong check digits: kept, matching decides
  EXPECT_TRUE(Validate(payment).empty());
  payment.reference = "ref\x1B";
  OnlyError(payment, "/reference");
}

TEST(PaymentTest, ChecksCounterpartyIban) {
  Payment payment = ValidPayment();
  payment.counterparty_iban = "NL91ABNA0417164301";
  OnlyError(payment, "/counterparty_iban");
}

TEST(PaymentTest, ChecksCounterpartyNameAndRemittanceText) {
  Payment payment = ValidPayment();
  payment.counterparty_name = "De Vries\n";
  OnlyError(payment, "/counterparty_name");
  payment = ValidPayment();
  payment.remittance = "bad \xC0\xAF bytes";
  OnlyError(payment, "/remittance");
}

TEST(PaymentTest, AllocationNamesInvoice) {
  Payment payment = ValidPayment();
  payment.allocations[1].invoice = "";
  OnlyError(payment, "/allocations/1/invoice");
}

TEST(PaymentTest, AllocationAmountIsPositive) {
  Payment payment = ValidPayment();
  payment.allocations[0].amount = Money::FromCents(0);
  OnlyError(payment, "/allocations/0/amount");
}

TEST(PaymentTest, AllocatesEachInvoiceOnce) {
  Payment payment = ValidPayment();
  payment.allocations = {{"INV-1", Money::FromCents(100)},
                         {"INV-2", Money::FromCents(100)},
                         {"INV-1", Money::FromCents(100)}};
  EXPECT_EQ(OnlyError(payment, "/allocations/2/invoice"),
            "invoice INV-1 is already allocated in /allocations/0; put its whole amount in one "
            "allocation");
}

TEST(PaymentTest, AllocationsDoNotExceedPayment) {
  Payment payment = ValidPayment();
  payment.allocations[1].amount = Money::FromCents(50001);
  EXPECT_EQ(OnlyError(payment, "/allocations"),
            "allocate 1500.01 in total, more than the payment amount 1500.00");
}

}  // namespace
}  // namespace duly
