// The Mollie flow end to end against prism serving Mollie's own OpenAPI document, with a
// SociStore on a temporary SQLite file: a reminder is composed and gets a Mollie payment link
// (POST /v2/payments, the link stored and reused), Mollie's webhook names the payment, duly GETs
// it, finds it paid, posts it and the invoice is settled; a second webhook posts nothing.
//
// Prism answers the document's examples, not our values: POST /v2/payments answers the payment
// tr_5B8cwPMGnU6qLbRvo7qEZo (EUR 10.00, open, expiresAt 2024-03-20T09:28:37Z), so the invoice
// is EUR 10.00 and the clock stands just before that expiry. A paid payment comes from the
// named example "get-payment-200-3" (card payment tr_oWpmDXm6sT, EUR 10.00, paidAt
// 2023-06-05T13:07:12Z), asked for with prism's "Prefer: example=get-payment-200-3" header on
// the GETs of the webhook's client; prism answers that example whatever id the path names.
#include <atomic>
#include <filesystem>
#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "channels/compose/memory_template_store.h"
#include "channels/compose/store_composer.h"
#include "channels/http/curl_http_client.h"
#include "channels/mollie/mollie_payment_links.h"
#include "channels/mollie/testing/mollie_prism.h"
#include "daemon/mollie/mollie_payment_sync.h"
#include "daemon/store/soci_payment_link_store.h"
#include "daemon/store/soci_store.h"

namespace duly::daemon {
namespace {

namespace fs = std::filesystem;
namespace mollie = channels::mollie;
using ::testing::HasSubstr;

const Actor kTest{"test"};
constexpr const char* kCreated = "tr_5B8cwPMGnU6qLbRvo7qEZo";  // prism's answer to every POST
constexpr const char* kCheckout = "https://www.mollie.com/checkout/select-method/7UhSN1zuXS";

class PrismEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { prism.Start(DULY_TEST_PEERS_DIR); }
  void TearDown() override { prism.Stop(); }
  static inline mollie::testing::MolliePrism prism;
};

const auto* const kPrism = ::testing::AddGlobalTestEnvironment(new PrismEnvironment);

class MollieFlowPeerTest : public ::testing::Test {
 protected:
  static const mollie::testing::MolliePrism& Prism() { return PrismEnvironment::prism; }

  void SetUp() override {
    if (!Prism().skip_reason().empty()) GTEST_SKIP() << Prism().skip_reason();
    ASSERT_TRUE(Prism().start_error().empty()) << Prism().start_error();
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("duly_mollie_flow_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto url = DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string());
    ASSERT_TRUE(url);
    auto store = OpenStore(*url, clock_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    links_ = std::make_unique<SociPaymentLinkStore>(store_->SharedConnections(), store_->clock());
    client_ = std::make_unique<mollie::MollieClient>(Config(), http_);
    payment_links_ = std::make_unique<mollie::MolliePaymentLinks>(*client_, *links_, clock_);
    composer_ = std::make_unique<channels::StoreComposer>(*store_, library_, Company(), clock_,
                                                          payment_links_.get());
    Customer customer;
    customer.id = "C1";
    customer.name = "Bakkerij Jansen";
    customer.language = "nl";
    customer.email = "boekhouding@jansen.example";
    customer.phone = "+31612345678";
    ASSERT_TRUE(store_->UpsertCustomers({customer}, kTest));
    Invoice invoice;
    invoice.id = "INV-1";
    invoice.customer = "C1";
    invoice.issued = *ParseCalendarDate("2024-02-01");
    invoice.due = *ParseCalendarDate("2024-03-01");
    invoice.amount = Money::FromCents(1000);
    invoice.open_amount = invoice.amount;
    ASSERT_TRUE(store_->UpsertInvoices({invoice}, kTest));
  }
  void TearDown() override {
    composer_.reset();
    payment_links_.reset();
    links_.reset();
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static channels::CompanyProfile Company() {
    channels::CompanyProfile company;
    company.name = "Duly Demo BV";
    company.email = "invoices@duly.example";
    company.phone = "+31 20 123 4567";
    company.iban = "NL91 ABNA 0417 1643 00";
    company.country = "NL";
    company.collector_name = "Carl Kok";
    return company;
  }

  static mollie::MollieConfig Config() {
    mollie::MollieConfig config;
    config.api_key = "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM";
    config.base_url = Prism().url();
    config.redirect_url = "https://duly.example.com/paid";
    config.webhook_url = mollie::WebhookUrlFor("https://duly.example.com");
    return config;
  }

  // The webhook's side: a client whose GETs carry "Prefer: <prefer>" (empty: none).
  MolliePaymentSync Sync(const std::string& prefer) {
    std::shared_ptr<channels::http::HttpClient> http = http_;
    if (!prefer.empty()) {
      http = std::make_shared<mollie::testing::PreferringHttpClient>(http_, "GET", prefer);
    }
    sync_clients_.push_back(std::make_unique<mollie::MollieClient>(Config(), http));
    return MolliePaymentSync(*sync_clients_.back(), *links_, *store_, "Europe/Amsterdam");
  }

  OutboxMessage Row(const std::string& channel) const {
    OutboxMessage row;
    row.id = 7;
    row.recipient = "C1";
    row.customer = "C1";
    row.channel = channel;
    row.template_id = "reminder-friendly";
    row.language = "nl";
    row.items.push_back({"INV-1", "reminder-1", "reminder-friendly"});
    return row;
  }

  int EventsOfType(const std::string& type) const {
    auto events = store_->ListCustomerEvents("C1", PageRequest{"", 1000});
    EXPECT_TRUE(events) << events.error().message;
    int count = 0;
    for (const Event& event : events->items) count += event.type == type ? 1 : 0;
    return count;
  }

  // Just before prism's example payment expires (2024-03-20T09:28:37Z).
  ManualClock clock_{FromEpochMillis(1710925200000)};  // 2024-03-20T09:00:00Z
  channels::MemoryTemplateStore templates_{clock_};
  channels::TemplateLibrary library_{templates_};
  fs::path dir_;
  std::unique_ptr<SociStore> store_;
  std::unique_ptr<SociPaymentLinkStore> links_;
  std::shared_ptr<channels::http::CurlHttpClient> http_ =
      std::make_shared<channels::http::CurlHttpClient>();
  std::unique_ptr<mollie::MollieClient> client_;
  std::vector<std::unique_ptr<mollie::MollieClient>> sync_clients_;
  std::unique_ptr<mollie::MolliePaymentLinks> payment_links_;
  std::unique_ptr<channels::StoreComposer> composer_;
};

TEST_F(MollieFlowPeerTest, AComposedReminderGetsALinkThatIsReusedWhileOpen) {
  auto email = composer_->Compose(Row("email"));
  ASSERT_TRUE(email) << email.error().message;
  EXPECT_THAT(email->text, HasSubstr(std::string("Dat kan hier: ") + kCheckout));
  auto stored = links_->FindLink(kCreated);
  ASSERT_TRUE(stored) << stored.error().message;
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->customer, "C1");
  EXPECT_EQ((*stored)->invoices, (std::vector<std::string>{"INV-1"}));
  EXPECT_EQ((*stored)->amount, Money::FromCents(1000));
  EXPECT_EQ((*stored)->status, "open");
  EXPECT_EQ(ToEpochMillis((*stored)->expires_at), 1710926917000);  // Mollie's expiresAt
  auto sms = composer_->Compose(Row("sms"));
  ASSERT_TRUE(sms) << sms.error().message;
  EXPECT_THAT(sms->text, HasSubstr(kCheckout));
  EXPECT_EQ(EventsOfType("payment_link.created"), 1) << "the second message reuses the link";
}

TEST_F(MollieFlowPeerTest, AnExpiredLinkIsNotReused) {
  ASSERT_TRUE(composer_->Compose(Row("email")));
  clock_.Set(FromEpochMillis(1710926917000));  // Mollie's expiresAt of the first link
  // Mollie makes a new payment; prism plays it with another of the document's examples.
  mollie::MollieClient client(Config(), std::make_shared<mollie::testing::PreferringHttpClient>(
                                            http_, "POST", "example=create-payment-201-2"));
  mollie::MolliePaymentLinks links(client, *links_, clock_);
  channels::StoreComposer composer(*store_, library_, Company(), clock_, &links);
  auto again = composer.Compose(Row("email"));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_THAT(again->text, HasSubstr("https://www.mollie.com/checkout/select-method/KQb4E3WfpA"));
  EXPECT_EQ(EventsOfType("payment_link.created"), 2);
}

TEST_F(MollieFlowPeerTest, MolliesWebhookPostsThePaidPaymentAndSettlesTheInvoiceOnce) {
  ASSERT_TRUE(composer_->Compose(Row("email")));
  MolliePaymentSync open = Sync("");
  ASSERT_TRUE(open.PaymentChanged(kCreated));  // still open: nothing to post
  EXPECT_FALSE(store_->GetPayment(std::string("mollie:") + kCreated));
  EXPECT_EQ(store_->GetInvoice("INV-1")->status, InvoiceStatus::kOpen);

  MolliePaymentSync paid = Sync("example=get-payment-200-3");
  Status changed = paid.PaymentChanged(kCreated);
  ASSERT_TRUE(changed) << changed.error().message;
  Result<Payment> posted = store_->GetPayment(std::string("mollie:") + kCreated);
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_EQ(posted->customer, "C1");
  EXPECT_EQ(posted->amount, Money::FromCents(1000));
  EXPECT_EQ(posted->received, *ParseCalendarDate("2023-06-05"));  // paidAt's day
  EXPECT_EQ(posted->method, "card");
  EXPECT_EQ(posted->allocations, (std::vector<Allocation>{{"INV-1", Money::FromCents(1000)}}));
  Result<Invoice> invoice = store_->GetInvoice("INV-1");
  ASSERT_TRUE(invoice);
  EXPECT_EQ(invoice->status, InvoiceStatus::kPaid);
  EXPECT_TRUE(invoice->open_amount.IsZero());
  EXPECT_EQ((*links_->FindLink(kCreated))->status, "paid");

  // Mollie calls again (it retries until answered 200, and calls on every change).
  const auto before = store_->VerifyHistory();
  ASSERT_TRUE(before);
  ASSERT_TRUE(paid.PaymentChanged(kCreated));
  const auto after = store_->VerifyHistory();
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->intact);
  EXPECT_EQ(after->events, before->events) << "a second webhook changes nothing";
  EXPECT_EQ(store_->ListPayments("C1", PageRequest{})->items.size(), 1u);
  // A paid link is not put in messages any more; nothing is open, so no link is asked for.
  EXPECT_FALSE(composer_->Compose(Row("email")));
}

TEST_F(MollieFlowPeerTest, AnIdMollieDoesNotKnowIsAnsweredOkAndPostsNothing) {
  MolliePaymentSync unknown = Sync("code=404");
  EXPECT_TRUE(unknown.PaymentChanged("tr_unknown1"));
  EXPECT_TRUE(store_->ListPayments("C1", PageRequest{})->items.empty());
}

TEST_F(MollieFlowPeerTest, APaidPaymentNoLinkTiesToACustomerIsNotPosted) {
  // The example's metadata is null: without our link, nothing says whose money it is.
  MolliePaymentSync paid = Sync("example=get-payment-200-3");
  EXPECT_TRUE(paid.PaymentChanged("tr_oWpmDXm6sT"));
  EXPECT_FALSE(store_->GetPayment("mollie:tr_oWpmDXm6sT"));
}

TEST_F(MollieFlowPeerTest, MolliesRateLimitMakesTheWebhookRetry) {
  MolliePaymentSync limited = Sync("code=429");
  Status changed = limited.PaymentChanged(kCreated);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(changed.error().message, HasSubstr("429"));
}

TEST_F(MollieFlowPeerTest, AMalformedIdIsRefusedWithoutAskingMollie) {
  MolliePaymentSync sync = Sync("");
  Status changed = sync.PaymentChanged("../v2/refunds");
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().fields.at(0).field, "/id");
}

TEST_F(MollieFlowPeerTest, MollieDownMeansTheMessageGoesWithoutALink) {
  mollie::MollieConfig down = Config();
  down.base_url = "http://127.0.0.1:" + std::to_string(channels::http::testing::FreeLoopbackPort());
  mollie::MollieClient client(down, http_);
  mollie::MolliePaymentLinks links(client, *links_, clock_);
  channels::StoreComposer composer(*store_, library_, Company(), clock_, &links);
  auto email = composer.Compose(Row("email"));
  ASSERT_TRUE(email) << email.error().message;
  EXPECT_THAT(email->text, ::testing::Not(HasSubstr("mollie.com")));
  EXPECT_EQ(EventsOfType("payment_link.created"), 0);
}

}  // namespace
}  // namespace duly::daemon
