// StoreComposer with a PaymentLinkSource, over a real SociStore on a temporary SQLite file:
// which messages ask for a link, how it shows in e-mails and texts, and that a failing source
// never holds a message up. The source here is a scripted stand-in for the interface (the
// Mollie implementation is tested against Mollie's OpenAPI mock in daemon/mollie).
#include <atomic>
#include <filesystem>
#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "channels/compose/memory_template_store.h"
#include "channels/compose/store_composer.h"
#include "daemon/store/soci_store.h"

namespace duly::channels {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const Actor kTest{"test"};
constexpr const char* kLink = "https://www.mollie.com/checkout/select-method/7UhSN1zuXS";

// Answers kLink, or `failure` when set; records what it was asked.
class ScriptedLinks final : public PaymentLinkSource {
 public:
  Result<std::string> LinkFor(const Customer& customer,
                              const std::vector<Invoice>& invoices) override {
    std::string asked = customer.id + ":";
    for (const Invoice& invoice : invoices) asked += " " + invoice.id;
    calls.push_back(asked);
    if (failure) return *failure;
    return std::string(kLink);
  }
  std::vector<std::string> calls;
  std::optional<Error> failure;
};

class PaymentLinkComposerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("duly_compose_link_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto url = daemon::DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string());
    ASSERT_TRUE(url);
    auto store = daemon::OpenStore(*url, clock_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    CompanyProfile company;
    company.name = "Duly Demo BV";
    company.email = "invoices@duly.example";
    company.phone = "+32 2 123 45 67";
    company.collector_name = "Carl Kok";
    company.iban = "BE68 5390 0754 7034";
    company.country = "BE";
    company.time_zone = "Europe/Brussels";
    composer_ = std::make_unique<StoreComposer>(*store_, library_, company, clock_, &links_);
    Customer customer;
    customer.id = "C1";
    customer.name = "Bakkerij Jansen";
    customer.language = "nl";
    customer.email = "boekhouding@jansen.example";
    customer.phone = "+32470123456";
    customer.address = {"Kerkstraat 5", "1000", "Brussel", "BE"};
    ASSERT_TRUE(store_->UpsertCustomers({customer}, kTest));
    Invoice invoice;
    invoice.id = "INV-1";
    invoice.customer = "C1";
    invoice.issued = *ParseCalendarDate("2026-01-15");
    invoice.due = *ParseCalendarDate("2026-02-14");
    invoice.amount = Money::FromCents(123456);
    invoice.open_amount = invoice.amount;
    Invoice second = invoice;
    second.id = "INV-2";
    ASSERT_TRUE(store_->UpsertInvoices({invoice, second}, kTest));
  }
  void TearDown() override {
    composer_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  static OutboxMessage Row(std::string channel, std::vector<std::string> invoices) {
    OutboxMessage row;
    row.id = 42;
    row.recipient = "C1";
    row.customer = "C1";
    row.channel = std::move(channel);
    row.template_id = "reminder-friendly";
    row.language = "nl";
    for (std::string& invoice : invoices) row.items.push_back({invoice, "step", row.template_id});
    return row;
  }

  ManualClock clock_{FromEpochMillis(1773129600000)};  // 2026-03-10T08:00:00Z
  MemoryTemplateStore templates_{clock_};
  TemplateLibrary library_{templates_};
  ScriptedLinks links_;
  fs::path dir_;
  std::unique_ptr<daemon::SociStore> store_;
  std::unique_ptr<StoreComposer> composer_;
};

TEST_F(PaymentLinkComposerTest, AnEmailAndAnSmsCarryTheLinkForTheirOpenInvoices) {
  auto email = composer_->Compose(Row("email", {"INV-1", "INV-2"}));
  ASSERT_TRUE(email) << email.error().message;
  EXPECT_THAT(email->text, HasSubstr(std::string("Dat kan hier: ") + kLink));
  EXPECT_THAT(email->html, HasSubstr(std::string("href=\"") + kLink + "\""));
  auto sms = composer_->Compose(Row("sms", {"INV-2"}));
  ASSERT_TRUE(sms) << sms.error().message;
  EXPECT_THAT(sms->text, HasSubstr(std::string("Betalen kan via ") + kLink));
  EXPECT_EQ(links_.calls, (std::vector<std::string>{"C1: INV-1 INV-2", "C1: INV-2"}));
}

TEST_F(PaymentLinkComposerTest, APaidInvoiceIsLeftOutOfTheLink) {
  Payment payment;
  payment.id = "P1";
  payment.customer = "C1";
  payment.amount = Money::FromCents(123456);
  payment.received = *ParseCalendarDate("2026-03-01");
  payment.allocations = {{"INV-1", Money::FromCents(123456)}};
  ASSERT_TRUE(store_->PostPayments({payment}, kTest));
  auto email = composer_->Compose(Row("email", {"INV-1", "INV-2"}));
  ASSERT_TRUE(email) << email.error().message;
  EXPECT_EQ(links_.calls, (std::vector<std::string>{"C1: INV-2"}));
}

TEST_F(PaymentLinkComposerTest, AFailingSourceNeverHoldsUpTheMessage) {
  links_.failure = Unavailable("Mollie (transient): Mollie 503 Service Unavailable");
  auto email = composer_->Compose(Row("email", {"INV-1"}));
  ASSERT_TRUE(email) << email.error().message;
  EXPECT_THAT(email->text, HasSubstr("BE68 5390 0754 7034"));  // the bank transfer stays
  EXPECT_THAT(email->text, Not(HasSubstr(kLink)));
  EXPECT_THAT(email->text, Not(HasSubstr("Liever meteen online betalen")));
  EXPECT_EQ(links_.calls.size(), 1u);
}

TEST_F(PaymentLinkComposerTest, CallsPreviewsAndUnreachableCustomersAskForNoLink) {
  auto voice = composer_->Compose(Row("voice", {"INV-1"}));
  ASSERT_TRUE(voice) << voice.error().message;
  EXPECT_THAT(voice->text, Not(HasSubstr(kLink)));
  CompositionRequest preview;
  preview.customer = "C1";
  preview.recipient = "C1";
  preview.channel = "email";
  preview.template_id = "reminder-friendly";
  preview.open_invoices = true;
  auto previewed = composer_->Compose(preview);
  ASSERT_TRUE(previewed) << previewed.error().message;
  auto whatsapp = composer_->Compose(Row("whatsapp", {"INV-1"}));  // C1 has no WhatsApp
  EXPECT_FALSE(whatsapp);
  EXPECT_TRUE(links_.calls.empty());
}

}  // namespace
}  // namespace duly::channels
