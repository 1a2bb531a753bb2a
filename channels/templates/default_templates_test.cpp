#include "channels/templates/default_templates.h"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::channels {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::array<std::string_view, 9> kDefaultIds = {
    "reminder-friendly", "reminder-second", "final-notice",          "customer-at-final-notice",
    "courtesy",          "follow-up",       "payment_plan_schedule", "installment_reminder",
    "installment_missed"};

MessageValues TwoInvoices() {
  MessageValues values;
  values.customer_name = "Boulangerie Lefèvre <&> Fils";
  values.customer_number = "C-1042";
  values.company_name = "Acme Supplies";
  values.company_email = "accounts@acme.example";
  values.company_phone = "+32 2 555 01 00";
  values.company_iban = "BE68 5390 0754 7034";
  values.collector_name = "Sofie Peeters";
  values.collector_email = "sofie@acme.example";
  values.collector_phone = "+32 2 555 01 23";
  values.colleague_name = "Tom";
  values.reference = "+++090/9337/55493+++";
  values.payment_link = "https://pay.example/i/abc?x=1&y=2";
  values.today = date::year{2026} / 3 / 10;
  values.invoices.push_back({"INV-2026-001", date::year{2026} / 1 / 10, date::year{2026} / 2 / 9,
                             Money::FromCents(123456), Money::FromCents(123456), 29});
  values.invoices.push_back({"INV-2026-014", date::year{2026} / 1 / 24, date::year{2026} / 2 / 23,
                             Money::FromCents(25000), Money::FromCents(9950), 15});
  return values;
}

struct Expected {
  std::string_view language;
  std::string_view total;
  std::string_view first_open;
  std::string_view second_open;
  std::string_view first_due;
};

constexpr std::array<Expected, 3> kExpected = {{
    {"nl", "€ 1.334,06", "€ 1.234,56", "€ 99,50", "9 februari 2026"},
    {"fr", "1 334,06 €", "1 234,56 €", "99,50 €", "9 février 2026"},
    {"en", "€1,334.06", "€1,234.56", "€99.50", "9 February 2026"},
}};

bool ListsInvoices(TemplatePart part) {
  return part == TemplatePart::kEmailText || part == TemplatePart::kEmailHtml ||
         part == TemplatePart::kLetterText || part == TemplatePart::kCallScript;
}

TEST(DefaultTemplatesTest, EveryTemplateExistsInDutchFrenchAndEnglish) {
  Result<TemplateSet> set = LoadDefaultTemplates();
  ASSERT_TRUE(set) << set.error().message;
  for (std::string_view id : kDefaultIds) {
    for (const Expected& expected : kExpected) {
      EXPECT_NE(set->Find(id, expected.language), nullptr) << id << " " << expected.language;
    }
  }
  std::set<std::string> ids;
  for (const MessageTemplate* message_template : set->All()) ids.insert(message_template->id);
  EXPECT_EQ(ids.size(), kDefaultIds.size());
}

TEST(DefaultTemplatesTest, EveryPartRendersWithAmountsInTheLocale) {
  Result<TemplateSet> set = LoadDefaultTemplates();
  ASSERT_TRUE(set) << set.error().message;
  const MessageValues values = TwoInvoices();
  int rendered_parts = 0;
  for (const Expected& expected : kExpected) {
    for (std::string_view id : kDefaultIds) {
      const MessageTemplate* message_template = set->Find(id, expected.language);
      ASSERT_NE(message_template, nullptr);
      std::vector<TemplatePart> parts;
      for (const auto& [part, source] : message_template->parts) parts.push_back(part);
      Result<RenderedMessage> rendered =
          set->Render(id, {std::string(expected.language), ""}, parts, values);
      ASSERT_TRUE(rendered) << rendered.error().message;
      EXPECT_EQ(rendered->language, expected.language);
      for (const auto& [part, text] : rendered->parts) {
        ++rendered_parts;
        const std::string where = std::string(id) + "." + std::string(expected.language) + "." +
                                  std::string(TemplatePartName(part));
        EXPECT_THAT(text, Not(HasSubstr("{{"))) << where;
        if (part == TemplatePart::kEmailSubject) {
          EXPECT_THAT(text, Not(HasSubstr("\n"))) << where;
          continue;
        }
        EXPECT_THAT(text, HasSubstr(std::string(expected.total))) << where;
        if (ListsInvoices(part)) {
          EXPECT_THAT(text, HasSubstr("INV-2026-001")) << where;
          EXPECT_THAT(text, HasSubstr("INV-2026-014")) << where;
          EXPECT_THAT(text, HasSubstr(std::string(expected.first_open))) << where;
          EXPECT_THAT(text, HasSubstr(std::string(expected.second_open))) << where;
          EXPECT_THAT(text, HasSubstr(std::string(expected.first_due))) << where;
        }
        if (part == TemplatePart::kEmailHtml) {
          EXPECT_THAT(text, HasSubstr("Lefèvre &lt;&amp;&gt; Fils")) << where;
          if (id != "customer-at-final-notice") {
            EXPECT_THAT(text, HasSubstr("https://pay.example/i/abc?x=1&amp;y=2")) << where;
          }
        } else if (id != "courtesy" && id != "follow-up") {
          EXPECT_THAT(text, HasSubstr("Lefèvre <&> Fils")) << where;
        }
      }
    }
  }
  EXPECT_GT(rendered_parts, 60);
}

TEST(DefaultTemplatesTest, RemindersCarryTheReferenceAndThePaymentLinkWhenThereIsOne) {
  Result<TemplateSet> set = LoadDefaultTemplates();
  ASSERT_TRUE(set) << set.error().message;
  MessageValues values = TwoInvoices();
  for (std::string_view id : {"reminder-friendly", "reminder-second", "final-notice"}) {
    for (const Expected& expected : kExpected) {
      const LanguagePreference preference{std::string(expected.language), ""};
      Result<RenderedMessage> with =
          set->Render(id, preference, {TemplatePart::kEmailText}, values);
      ASSERT_TRUE(with) << with.error().message;
      const std::string& text = with->parts.at(TemplatePart::kEmailText);
      EXPECT_THAT(text, HasSubstr("+++090/9337/55493+++")) << id;
      EXPECT_THAT(text, HasSubstr("https://pay.example/i/abc?x=1&y=2")) << id;
      values.payment_link.clear();
      Result<RenderedMessage> without =
          set->Render(id, preference, {TemplatePart::kEmailText}, values);
      ASSERT_TRUE(without) << without.error().message;
      EXPECT_THAT(without->parts.at(TemplatePart::kEmailText), Not(HasSubstr("pay.example")));
      EXPECT_THAT(without->parts.at(TemplatePart::kEmailText), HasSubstr("BE68 5390 0754 7034"));
      values.payment_link = "https://pay.example/i/abc?x=1&y=2";
    }
  }
}

TEST(DefaultTemplatesTest, GermanFallsBackToTheSecondLanguage) {
  Result<TemplateSet> set = LoadDefaultTemplates();
  ASSERT_TRUE(set) << set.error().message;
  Result<RenderedMessage> rendered =
      set->Render("reminder-friendly", {"de", "fr"}, {TemplatePart::kSmsText}, TwoInvoices());
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_EQ(rendered->language, "fr");
  EXPECT_THAT(rendered->parts.at(TemplatePart::kSmsText), HasSubstr("1 334,06 €"));
}

TEST(DefaultTemplatesTest, FilesAreRejectedNamingTheFile) {
  Result<TemplateSet> badly_named = LoadTemplateFiles({{"reminder.mustache", "Hi"}});
  ASSERT_FALSE(badly_named);
  EXPECT_THAT(badly_named.error().message, HasSubstr("reminder.mustache"));
  Result<TemplateSet> unknown_part = LoadTemplateFiles({{"r.nl.fax.text.mustache", "Hi"}});
  ASSERT_FALSE(unknown_part);
  EXPECT_THAT(unknown_part.error().message, HasSubstr("fax.text"));
  Result<TemplateSet> unknown_variable =
      LoadTemplateFiles({{"r.nl.sms.text.mustache", "Hi {{klant}}"}});
  ASSERT_FALSE(unknown_variable);
  EXPECT_THAT(unknown_variable.error().message, HasSubstr("{{klant}}"));
  EXPECT_THAT(unknown_variable.error().message, HasSubstr("r (nl), part sms.text"));
  Result<TemplateSet> partial_variable =
      LoadTemplateFiles({{"_payment_link.en.text.mustache", "{{iban}}"}});
  ASSERT_FALSE(partial_variable);
  EXPECT_THAT(partial_variable.error().message, HasSubstr("_payment_link.en.text.mustache"));
}

}  // namespace
}  // namespace duly::channels
