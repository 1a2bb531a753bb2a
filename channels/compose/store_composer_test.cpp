// StoreComposer over a real SociStore on a temporary SQLite file: what a queued row becomes on
// each channel, read back the way its recipient would (pdftotext for letters).
#include "channels/compose/store_composer.h"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "channels/compose/letter_document_json.h"
#include "channels/compose/memory_template_store.h"
#include "daemon/store/soci_store.h"

namespace duly::channels {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const Actor kTest{"test"};

// pdftotext's text of `pdf`; DULY_KEEP_PDF keeps the file (and says where) for a person to read.
std::string PdfText(const std::string& pdf, const std::string& name) {
  const fs::path path = fs::temp_directory_path() /
                        ("duly_compose_" + std::to_string(getpid()) + "_" + name + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string text;
  FILE* pipe = popen(("pdftotext -layout '" + path.string() + "' -").c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run pdftotext";
    return text;
  }
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << "pdftotext " << path;
  if (std::getenv("DULY_KEEP_PDF") == nullptr) fs::remove(path);
  return text;
}

CompanyProfile Company() {
  CompanyProfile company;
  company.name = "Duly Demo BV";
  company.email = "invoices@duly.example";
  company.phone = "+32 2 123 45 67";
  company.iban = "BE68 5390 0754 7034";
  company.bic = "GKCCBEBB";
  company.address_lines = {"Kerkstraat 1", "1000 Brussel"};
  company.country = "BE";
  company.place = "Brussel";
  company.collector_name = "Carl Kok";
  company.time_zone = "Europe/Brussels";
  return company;
}

class StoreComposerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("duly_compose_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto url = daemon::DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string());
    ASSERT_TRUE(url);
    auto store = daemon::OpenStore(*url, clock_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    composer_ = std::make_unique<StoreComposer>(*store_, library_, Company(), clock_);
    Seed();
  }
  void TearDown() override {
    composer_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  void Seed() {
    Colleague mark;
    mark.id = "mark";
    mark.name = "Mark de Wit";
    mark.role = "manager";
    mark.email = "mark@duly.example";
    mark.notify = "chat";
    mark.chat_webhook = "https://hooks.slack.example/T000/B000/XXX";
    ASSERT_TRUE(store_->UpsertColleagues({mark}, kTest));

    Customer ete;  // French-speaking, e-mail and WhatsApp, a Belgian address
    ete.id = "C-ETE";
    ete.name = "Brasserie L'Été";
    ete.language = "fr";
    ete.email = "compta@ete.example";
    ete.phone = "+32470123456";
    ete.whatsapp = true;
    ete.address = {"Rue Féronstrée 12", "4000", "Liège", "BE"};
    ete.account_manager = "mark";
    Customer jansen;  // Dutch, no phone, a Dutch address
    jansen.id = "C-JANSEN";
    jansen.name = "Bakkerij Hélène & Zoon";
    jansen.language = "nl";
    jansen.email = "boekhouding@jansen.example";
    jansen.address = {"Kerkstraat 5", "1012 AB", "Amsterdam", "NL"};
    Customer berlin;  // German: no German templates ship, so English
    berlin.id = "C-BERLIN";
    berlin.name = "Müller GmbH";
    berlin.language = "de";
    berlin.email = "buchhaltung@mueller.example";
    berlin.phone = "+4915112345678";
    berlin.address = {"Hauptstraße 1", "10115", "Berlin", "DE"};
    ASSERT_TRUE(store_->UpsertCustomers({ete, jansen, berlin}, kTest));

    auto invoice = [](std::string id, std::string customer, std::int64_t cents) {
      Invoice made;
      made.id = std::move(id);
      made.customer = std::move(customer);
      made.issued = *ParseCalendarDate("2026-01-15");
      made.due = *ParseCalendarDate("2026-02-14");
      made.amount = Money::FromCents(cents);
      made.open_amount = made.amount;
      return made;
    };
    Invoice first = invoice("INV-2026-001", "C-ETE", 123456);
    first.reference = "+++090/9337/55493+++";
    first.document = InvoiceDocument{"INV-2026-001.pdf", "application/pdf", "%PDF-1.4 first"};
    Invoice second = invoice("INV-2026-014", "C-ETE", 50000);
    second.document = InvoiceDocument{"INV-2026-014.pdf", "application/pdf", "%PDF-1.4 second"};
    auto upserted = store_->UpsertInvoices({first, second, invoice("INV-J-1", "C-JANSEN", 123456),
                                            invoice("INV-B-1", "C-BERLIN", 123456)},
                                           kTest);
    ASSERT_TRUE(upserted) << upserted.error().message;
  }

  static OutboxMessage Row(std::string customer, std::string channel, std::string template_id,
                           std::vector<std::string> invoices) {
    OutboxMessage row;
    row.id = 42;
    row.recipient = customer;
    row.customer = std::move(customer);
    row.channel = std::move(channel);
    row.template_id = template_id;
    row.language = "nl";
    for (std::string& invoice : invoices) row.items.push_back({invoice, "step", template_id});
    return row;
  }

  ManualClock clock_{FromEpochMillis(1773129600000)};  // 2026-03-10T08:00:00Z
  MemoryTemplateStore templates_{clock_};
  TemplateLibrary library_{templates_};
  fs::path dir_;
  std::unique_ptr<daemon::SociStore> store_;
  std::unique_ptr<StoreComposer> composer_;
};

TEST_F(StoreComposerTest, EmailIsInTheCustomersLanguageWithEveryInvoiceAttached) {
  auto message = composer_->Compose(
      Row("C-ETE", "email", "reminder-second", {"INV-2026-001", "INV-2026-014", "INV-2026-001"}));
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->id, 42);
  EXPECT_EQ(message->to, "compta@ete.example");
  EXPECT_EQ(message->customer, "C-ETE");
  EXPECT_EQ(message->language, "fr") << "the customer's language, not the row's";
  EXPECT_EQ(message->invoices, (std::vector<std::string>{"INV-2026-001", "INV-2026-014"}));
  EXPECT_FALSE(message->subject.empty());
  EXPECT_THAT(message->text, HasSubstr("1 734,56 €"));
  EXPECT_THAT(message->text, HasSubstr("1 234,56 €"));
  EXPECT_THAT(message->text, HasSubstr("Brasserie L'Été"));
  EXPECT_THAT(message->html, HasSubstr("Brasserie L&apos;Été"));
  EXPECT_THAT(message->text, HasSubstr("Carl Kok"));
  ASSERT_EQ(message->attachments.size(), 2u);
  EXPECT_EQ(message->attachments[0],
            (Attachment{"INV-2026-001.pdf", "application/pdf", "%PDF-1.4 first"}));
  EXPECT_EQ(message->attachments[1].content, "%PDF-1.4 second");
}

TEST_F(StoreComposerTest, OneInvoiceQuotesItsStructuredReference) {
  auto message = composer_->Compose(Row("C-ETE", "sms", "reminder-friendly", {"INV-2026-001"}));
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->to, "+32470123456");
  EXPECT_THAT(message->text, HasSubstr("+++090/9337/55493+++"));
  EXPECT_TRUE(message->html.empty());
  EXPECT_TRUE(message->attachments.empty());
}

TEST_F(StoreComposerTest, AGermanCustomerFallsBackToEnglish) {
  auto message = composer_->Compose(Row("C-BERLIN", "email", "reminder-friendly", {"INV-B-1"}));
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->language, "en");
  EXPECT_THAT(message->text, HasSubstr("€1,234.56"));
  EXPECT_THAT(message->text, HasSubstr("Müller GmbH"));
}

TEST_F(StoreComposerTest, AnUnreachableRecipientIsAPolicyErrorNamingWhatIsMissing) {
  auto sms = composer_->Compose(Row("C-JANSEN", "sms", "reminder-friendly", {"INV-J-1"}));
  ASSERT_FALSE(sms);
  EXPECT_EQ(sms.error().code, ErrorCode::kPolicy);
  EXPECT_THAT(sms.error().message, HasSubstr("no phone number"));
  EXPECT_THAT(sms.error().message, HasSubstr("C-JANSEN"));

  auto whatsapp = composer_->Compose(Row("C-BERLIN", "whatsapp", "reminder-second", {"INV-B-1"}));
  ASSERT_FALSE(whatsapp);
  EXPECT_EQ(whatsapp.error().code, ErrorCode::kPolicy);
  EXPECT_THAT(whatsapp.error().message, HasSubstr("WhatsApp"));

  ASSERT_TRUE(store_->RecordOptOut("C-ETE", "email", kTest));
  auto opted_out = composer_->Compose(Row("C-ETE", "email", "reminder-second", {"INV-2026-001"}));
  ASSERT_FALSE(opted_out);
  EXPECT_EQ(opted_out.error().code, ErrorCode::kPolicy);
  EXPECT_THAT(opted_out.error().message, HasSubstr("opted out"));
  EXPECT_TRUE(composer_->Compose(Row("C-ETE", "sms", "reminder-second", {"INV-2026-001"})))
      << "other channels stay open";
}

TEST_F(StoreComposerTest, GoneRecipientsAndInvoicesCancelAndMissingTemplatesFail) {
  auto gone = composer_->Compose(Row("C-NOBODY", "email", "reminder-friendly", {"INV-J-1"}));
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  auto no_invoice = composer_->Compose(Row("C-JANSEN", "email", "reminder-friendly", {"INV-X"}));
  ASSERT_FALSE(no_invoice);
  EXPECT_EQ(no_invoice.error().code, ErrorCode::kNotFound);
  auto no_template = composer_->Compose(Row("C-JANSEN", "email", "no-such-template", {"INV-J-1"}));
  ASSERT_FALSE(no_template);
  EXPECT_EQ(no_template.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(no_template.error().message, HasSubstr("no-such-template"));
  auto chat = composer_->Compose(Row("C-JANSEN", "chat", "reminder-friendly", {"INV-J-1"}));
  ASSERT_FALSE(chat);
  EXPECT_EQ(chat.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(StoreComposerTest, VoiceReadsTheSmsWording) {
  auto voice = composer_->Compose(Row("C-BERLIN", "voice", "reminder-second", {"INV-B-1"}));
  auto sms = composer_->Compose(Row("C-BERLIN", "sms", "reminder-second", {"INV-B-1"}));
  ASSERT_TRUE(voice) << voice.error().message;
  ASSERT_TRUE(sms);
  EXPECT_EQ(voice->text, sms->text);
  EXPECT_EQ(voice->channel, "voice");
  EXPECT_EQ(voice->to, "+4915112345678");
}

TEST_F(StoreComposerTest, AStoredTemplateReplacesTheDefault) {
  ASSERT_TRUE(templates_.SaveTemplate(
      StoredTemplate{"reminder-friendly", "fr", {{"sms.text", "Solde {{total_open}}"}}, 0, {}, ""},
      kTest));
  auto message = composer_->Compose(Row("C-ETE", "sms", "reminder-friendly", {"INV-2026-001"}));
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->text, "Solde 1 234,56 €");
}

TEST_F(StoreComposerTest, AColleagueHearsOnTheirChatWebhook) {
  OutboxMessage row = Row("C-ETE", "chat", "customer-at-final-notice", {"INV-2026-001"});
  row.recipient_kind = RecipientKind::kColleague;
  row.recipient = "mark";
  row.language = "nl";
  auto message = composer_->Compose(row);
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->to, "https://hooks.slack.example/T000/B000/XXX");
  EXPECT_EQ(message->colleague, "mark");
  EXPECT_TRUE(message->customer.empty());
  EXPECT_EQ(message->language, "nl");
  EXPECT_THAT(message->text, HasSubstr("Brasserie L'Été"));
  EXPECT_THAT(message->text, HasSubstr("€ 1.234,56"));

  row.channel = "sms";
  auto sms = composer_->Compose(row);
  ASSERT_FALSE(sms);
  EXPECT_EQ(sms.error().code, ErrorCode::kPolicy);
}

TEST_F(StoreComposerTest, ALetterPrintsTheAddressAmountsAndAccentsAndKeepsItsDocument) {
  auto message =
      composer_->Compose(Row("C-ETE", "letter", "final-notice", {"INV-2026-001", "INV-2026-014"}));
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->language, "fr");
  EXPECT_EQ(message->to, "Brasserie L'Été, Rue Féronstrée 12, 4000 Liège");
  ASSERT_EQ(message->attachments.size(), 2u);
  EXPECT_EQ(message->attachments[0].filename, "letter-42.pdf");
  EXPECT_EQ(message->attachments[0].media_type, "application/pdf");
  EXPECT_EQ(message->attachments[1].filename, "letter-42.json");
  EXPECT_EQ(message->attachments[1].media_type, kLetterJsonMediaType);
  EXPECT_THAT(message->text, Not(HasSubstr("[[duly:")));

  const std::string text = PdfText(message->attachments[0].content, "final-notice-fr");
  EXPECT_THAT(text, HasSubstr("Brasserie L'Été"));
  EXPECT_THAT(text, HasSubstr("Rue Féronstrée 12"));
  EXPECT_THAT(text, HasSubstr("4000 Liège"));
  EXPECT_THAT(text, Not(HasSubstr("BELGIUM"))) << "posted within Belgium";
  EXPECT_THAT(text, HasSubstr("1 234,56 €"));
  EXPECT_THAT(text, HasSubstr("1 734,56 €"));
  EXPECT_THAT(text, HasSubstr("14/02/2026"));
  EXPECT_THAT(text, HasSubstr("INV-2026-014"));
  EXPECT_THAT(text, HasSubstr("Brussel, 10 mars 2026"));
  EXPECT_THAT(text, HasSubstr("Carl Kok"));

  // The JSON re-renders in a print batch next to another letter.
  auto letter = LetterDocumentFromJson(message->attachments[1].content);
  ASSERT_TRUE(letter) << letter.error().message;
  EXPECT_EQ(letter->customer, "C-ETE");
  EXPECT_EQ(letter->invoices.size(), 2u);
  auto dutch = composer_->Compose(Row("C-JANSEN", "letter", "reminder-friendly", {"INV-J-1"}));
  ASSERT_TRUE(dutch) << dutch.error().message;
  auto other = LetterDocumentFromJson(dutch->attachments[1].content);
  ASSERT_TRUE(other);
  auto batch = LetterRenderer().RenderBatch({*letter, *other});
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->letters.size(), 2u);
  EXPECT_EQ(batch->letters[1].customer, "C-JANSEN");
  const std::string batch_text = PdfText(batch->pdf, "batch");
  EXPECT_THAT(batch_text, HasSubstr("Bakkerij Hélène & Zoon"));
  EXPECT_THAT(batch_text, HasSubstr("1012 AB Amsterdam"));
  EXPECT_THAT(batch_text, HasSubstr("NETHERLANDS"));
  EXPECT_THAT(batch_text, HasSubstr("€ 1.234,56"));
  EXPECT_THAT(batch_text, HasSubstr("Liège"));
}

TEST_F(StoreComposerTest, ALetterStaysInTheCustomersLanguageWhenOnlyEnglishHasAHeading) {
  ASSERT_TRUE(templates_.SaveTemplate(
      StoredTemplate{"notice", "fr", {{"letter.text", "Bonjour {{customer.name}}"}}, 0, {}, ""},
      kTest));
  ASSERT_TRUE(templates_.SaveTemplate(
      StoredTemplate{"notice",
                     "en",
                     {{"letter.text", "Dear {{customer.name}}"}, {"email.subject", "Notice"}},
                     0,
                     {},
                     ""},
      kTest));
  auto message = composer_->Compose(Row("C-ETE", "letter", "notice", {"INV-2026-001"}));
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->language, "fr");
  EXPECT_EQ(message->subject, "");
  EXPECT_EQ(message->text, "Bonjour Brasserie L'Été");
}

// The promise: friendly defaults in nl, fr and en for every step of the example
// workflow, on every channel the workflow can pick.
TEST_F(StoreComposerTest, EveryExampleStepComposesOnEveryChannelInDutchFrenchAndEnglish) {
  Customer everywhere;
  everywhere.id = "C-ALL";
  everywhere.name = "Café Noël";
  everywhere.email = "info@noel.example";
  everywhere.phone = "+32470999999";
  everywhere.whatsapp = true;
  everywhere.address = {"Grote Markt 1", "1000", "Brussel", "BE"};
  Invoice invoice;
  invoice.id = "INV-ALL";
  invoice.customer = "C-ALL";
  invoice.issued = *ParseCalendarDate("2026-01-15");
  invoice.due = *ParseCalendarDate("2026-02-14");
  invoice.amount = Money::FromCents(123456);
  invoice.open_amount = invoice.amount;
  int composed = 0;
  for (const char* language : {"nl", "fr", "en"}) {
    everywhere.language = language;
    ASSERT_TRUE(store_->UpsertCustomers({everywhere}, kTest));
    if (composed == 0) {
      ASSERT_TRUE(store_->UpsertInvoices({invoice}, kTest));
    }
    for (const char* id : {"reminder-friendly", "reminder-second", "final-notice"}) {
      for (const char* channel : {"email", "sms", "whatsapp", "letter", "voice"}) {
        auto message = composer_->Compose(Row("C-ALL", channel, id, {"INV-ALL"}));
        ASSERT_TRUE(message) << id << " " << channel << " " << language << ": "
                             << message.error().message;
        EXPECT_EQ(message->language, language) << id << " " << channel;
        EXPECT_THAT(message->text, HasSubstr("Café Noël")) << id << " " << channel;
        ++composed;
      }
    }
    for (const char* channel : {"email", "sms", "whatsapp", "chat"}) {
      OutboxMessage row = Row("C-ALL", channel, "customer-at-final-notice", {"INV-ALL"});
      row.recipient_kind = RecipientKind::kColleague;
      row.recipient = "colleague-" + std::string(channel);
      row.language = language;
      Colleague colleague;
      colleague.id = row.recipient;
      colleague.name = "Anna";
      colleague.email = "anna@duly.example";
      colleague.phone = "+31611111111";
      colleague.notify = channel;
      colleague.chat_webhook = "https://hooks.slack.example/anna";
      ASSERT_TRUE(store_->UpsertColleagues({colleague}, kTest));
      auto message = composer_->Compose(row);
      ASSERT_TRUE(message) << "customer-at-final-notice " << channel << " " << language << ": "
                           << message.error().message;
      EXPECT_EQ(message->language, language);
      ++composed;
    }
    auto current = library_.Current();
    ASSERT_TRUE(current);
    for (const char* script : {"courtesy", "follow-up"}) {
      const MessageTemplate* found = (*current)->Find(script, language);
      ASSERT_NE(found, nullptr) << script << " " << language;
      EXPECT_TRUE(found->parts.contains(TemplatePart::kCallScript));
    }
  }
  EXPECT_EQ(composed, 3 * (3 * 5 + 4));
}

}  // namespace
}  // namespace duly::channels
