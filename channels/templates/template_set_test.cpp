#include "channels/templates/template_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::channels {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

MessageValues Sample() {
  MessageValues values;
  values.customer_name = "Bakkerij Jansen";
  values.customer_number = "C-17";
  values.company_name = "Acme";
  values.collector_name = "Sofie";
  values.reference = "+++090/9337/55493+++";
  values.today = date::year{2026} / 3 / 10;
  values.invoices.push_back({"INV-1", date::year{2026} / 1 / 10, date::year{2026} / 2 / 10,
                             Money::FromCents(123456), Money::FromCents(123456), 28});
  return values;
}

MessageTemplate Template(std::string id, std::string language, TemplatePart part,
                         std::string source) {
  MessageTemplate message_template{std::move(id), std::move(language), {}};
  message_template.parts[part] = std::move(source);
  return message_template;
}

TEST(TemplateSetTest, FallsBackToSecondLanguageThenEnglish) {
  TemplateSet set;
  ASSERT_TRUE(set.Add(Template("hello", "en", TemplatePart::kSmsText, "Hello {{customer.name}}")));
  ASSERT_TRUE(
      set.Add(Template("hello", "fr", TemplatePart::kSmsText, "Bonjour {{customer.name}}")));
  ASSERT_TRUE(set.Add(Template("hello", "nl", TemplatePart::kSmsText, "Hallo {{customer.name}}")));
  const std::vector<TemplatePart> sms = {TemplatePart::kSmsText};

  Result<RenderedMessage> requested = set.Render("hello", {"nl", "fr"}, sms, Sample());
  ASSERT_TRUE(requested) << requested.error().message;
  EXPECT_EQ(requested->language, "nl");
  EXPECT_EQ(requested->parts.at(TemplatePart::kSmsText), "Hallo Bakkerij Jansen");

  Result<RenderedMessage> second = set.Render("hello", {"de", "fr"}, sms, Sample());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->language, "fr");
  EXPECT_EQ(second->parts.at(TemplatePart::kSmsText), "Bonjour Bakkerij Jansen");

  Result<RenderedMessage> english = set.Render("hello", {"de", "it"}, sms, Sample());
  ASSERT_TRUE(english);
  EXPECT_EQ(english->language, "en");

  Result<RenderedMessage> no_second = set.Render("hello", {"de", ""}, sms, Sample());
  ASSERT_TRUE(no_second);
  EXPECT_EQ(no_second->language, "en");
}

TEST(TemplateSetTest, FallbackSkipsALanguageWithoutTheRequestedPart) {
  TemplateSet set;
  ASSERT_TRUE(set.Add(Template("hello", "nl", TemplatePart::kSmsText, "Hallo")));
  ASSERT_TRUE(set.Add(Template("hello", "en", TemplatePart::kLetterText, "Dear")));
  Result<std::string> language = set.PickLanguage("hello", {"nl", ""}, {TemplatePart::kLetterText});
  ASSERT_TRUE(language);
  EXPECT_EQ(*language, "en");
}

TEST(TemplateSetTest, UnknownTemplateIsNotFoundNamingTheLanguagesTried) {
  TemplateSet set;
  Result<RenderedMessage> rendered =
      set.Render("missing", {"nl", "fr"}, {TemplatePart::kSmsText}, Sample());
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(rendered.error().message, HasSubstr("nl, fr, en"));
}

TEST(TemplateSetTest, UnknownVariableIsRejectedNamingTemplateLanguagePartAndVariable) {
  TemplateSet set;
  Status added = set.Add(
      Template("reminder-friendly", "nl", TemplatePart::kEmailText, "Beste {{customer.nmae}},"));
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(added.error().message, HasSubstr("reminder-friendly"));
  EXPECT_THAT(added.error().message, HasSubstr("(nl)"));
  EXPECT_THAT(added.error().message, HasSubstr("email.text"));
  EXPECT_THAT(added.error().message, HasSubstr("{{customer.nmae}}"));
  ASSERT_EQ(added.error().fields.size(), 1u);
  EXPECT_EQ(added.error().fields[0].field, "/parts/email.text");
  EXPECT_EQ(set.Find("reminder-friendly", "nl"), nullptr);
}

TEST(TemplateSetTest, InvoiceFieldsAreKnownOnlyInsideTheInvoiceList) {
  TemplateSet set;
  EXPECT_TRUE(set.Add(Template("t", "en", TemplatePart::kSmsText,
                               "{{#invoices}}{{number}} {{customer.name}}{{/invoices}}")));
  Status outside = set.Add(Template("t", "en", TemplatePart::kSmsText, "{{number}}"));
  ASSERT_FALSE(outside);
  EXPECT_THAT(outside.error().message, HasSubstr("{{number}}"));
  Status list = set.Add(Template("t", "en", TemplatePart::kSmsText, "{{invoices}}"));
  ASSERT_FALSE(list);
  EXPECT_THAT(list.error().message, HasSubstr("is a list"));
}

TEST(TemplateSetTest, BrokenSyntaxAndUnknownPartialsAreRejected) {
  TemplateSet set;
  EXPECT_FALSE(set.Add(Template("t", "en", TemplatePart::kSmsText, "{{#reference}}open")));
  EXPECT_FALSE(set.Add(Template("t", "en", TemplatePart::kSmsText, "{{reference")));
  EXPECT_FALSE(set.Add(Template("t", "en", TemplatePart::kSmsText, "{{=<% %>=}}")));
  Status unknown = set.Add(Template("t", "en", TemplatePart::kSmsText, "{{> footer}}"));
  ASSERT_FALSE(unknown);
  EXPECT_THAT(unknown.error().message, HasSubstr("unknown partial"));
  Status absent = set.Add(Template("t", "en", TemplatePart::kSmsText, "{{> invoice_table}}"));
  ASSERT_FALSE(absent);
  EXPECT_THAT(absent.error().message, HasSubstr("no text source"));
  Status bad_partial =
      set.AddPartial("invoice_table", "en", false, "{{#invoices}}{{nr}}{{/invoices}}");
  ASSERT_FALSE(bad_partial);
  EXPECT_THAT(bad_partial.error().message, HasSubstr("{{nr}}"));
}

TEST(TemplateSetTest, PartialsRenderInTheTemplateLanguageOrEnglish) {
  TemplateSet set;
  ASSERT_TRUE(set.AddPartial("invoice_table", "en", false,
                             "{{#invoices}}{{number}}: {{open_amount}} due {{due}}{{/invoices}}"));
  ASSERT_TRUE(
      set.AddPartial("invoice_table", "nl", false,
                     "{{#invoices}}{{number}}: {{open_amount}} uiterlijk {{due}}{{/invoices}}"));
  ASSERT_TRUE(set.Add(Template("t", "nl", TemplatePart::kLetterText, "{{> invoice_table}}")));
  ASSERT_TRUE(set.Add(Template("t", "de", TemplatePart::kLetterText, "{{> invoice_table}}")));
  Result<RenderedMessage> dutch =
      set.Render("t", {"nl", ""}, {TemplatePart::kLetterText}, Sample());
  ASSERT_TRUE(dutch);
  EXPECT_EQ(dutch->parts.at(TemplatePart::kLetterText),
            "INV-1: € 1.234,56 uiterlijk 10 februari 2026");
  Result<RenderedMessage> german =
      set.Render("t", {"de", ""}, {TemplatePart::kLetterText}, Sample());
  ASSERT_TRUE(german);
  EXPECT_EQ(german->parts.at(TemplatePart::kLetterText), "INV-1: 1.234,56 € due 10. Februar 2026");
}

TEST(TemplateSetTest, HtmlEscapesAndTextDoesNot) {
  TemplateSet set;
  MessageTemplate message_template{"t", "en", {}};
  message_template.parts[TemplatePart::kEmailHtml] = "<p>Dear {{customer.name}},</p>";
  message_template.parts[TemplatePart::kEmailText] = "Dear {{customer.name}},";
  ASSERT_TRUE(set.Add(message_template));
  MessageValues values = Sample();
  values.customer_name = "Smith <&> \"Sons\"";
  Result<RenderedMessage> rendered =
      set.Render("t", {"en", ""}, {TemplatePart::kEmailHtml, TemplatePart::kEmailText}, values);
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_EQ(rendered->parts.at(TemplatePart::kEmailHtml),
            "<p>Dear Smith &lt;&amp;&gt; &quot;Sons&quot;,</p>");
  EXPECT_EQ(rendered->parts.at(TemplatePart::kEmailText), "Dear Smith <&> \"Sons\",");
}

TEST(TemplateSetTest, HtmlPartsMayNotSkipEscaping) {
  TemplateSet set;
  Status triple = set.Add(Template("t", "en", TemplatePart::kEmailHtml, "{{{customer.name}}}"));
  ASSERT_FALSE(triple);
  EXPECT_THAT(triple.error().message, HasSubstr("escaping"));
  EXPECT_FALSE(set.Add(Template("t", "en", TemplatePart::kEmailHtml, "{{& customer.name}}")));
  EXPECT_TRUE(set.Add(Template("t", "en", TemplatePart::kEmailText, "{{{customer.name}}}")));
}

TEST(TemplateSetTest, AnEmptyValueIsAnErrorNotABlank) {
  TemplateSet set;
  ASSERT_TRUE(set.Add(Template("t", "en", TemplatePart::kSmsText, "Call {{collector.phone}}")));
  Result<RenderedMessage> rendered =
      set.Render("t", {"en", ""}, {TemplatePart::kSmsText}, Sample());
  ASSERT_FALSE(rendered);
  EXPECT_THAT(rendered.error().message, HasSubstr("{{collector.phone}}"));
  EXPECT_THAT(rendered.error().message, HasSubstr("sms.text"));
}

TEST(TemplateSetTest, ASectionOfItsOwnNameGuardsAnOptionalValue) {
  TemplateSet set;
  ASSERT_TRUE(set.Add(Template("t", "en", TemplatePart::kSmsText,
                               "Pay{{#payment_link}} at {{payment_link}}{{/payment_link}}"
                               "{{^payment_link}} by transfer{{/payment_link}}.")));
  MessageValues values = Sample();
  Result<RenderedMessage> without = set.Render("t", {"en", ""}, {TemplatePart::kSmsText}, values);
  ASSERT_TRUE(without);
  EXPECT_EQ(without->parts.at(TemplatePart::kSmsText), "Pay by transfer.");
  values.payment_link = "https://pay.example/x?a=1&b=2";
  Result<RenderedMessage> with = set.Render("t", {"en", ""}, {TemplatePart::kSmsText}, values);
  ASSERT_TRUE(with);
  EXPECT_EQ(with->parts.at(TemplatePart::kSmsText), "Pay at https://pay.example/x?a=1&b=2.");
  EXPECT_THAT(with->parts.at(TemplatePart::kSmsText), Not(HasSubstr("&amp;")));
}

TEST(TemplateSetTest, PartialAndVariableOfTheSameNameDoNotClash) {
  TemplateSet set;
  ASSERT_TRUE(set.AddPartial("payment_link", "en", false,
                             "{{#payment_link}}Pay at {{payment_link}}{{/payment_link}}\n"));
  ASSERT_TRUE(set.Add(Template("t", "en", TemplatePart::kSmsText, "{{> payment_link}}")));
  MessageValues values = Sample();
  values.payment_link = "https://pay.example/x";
  Result<RenderedMessage> rendered = set.Render("t", {"en", ""}, {TemplatePart::kSmsText}, values);
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_EQ(rendered->parts.at(TemplatePart::kSmsText), "Pay at https://pay.example/x");
}

TEST(TemplateSetTest, PartNamesRoundTrip) {
  for (TemplatePart part :
       {TemplatePart::kEmailSubject, TemplatePart::kEmailText, TemplatePart::kEmailHtml,
        TemplatePart::kSmsText, TemplatePart::kWhatsappText, TemplatePart::kLetterText,
        TemplatePart::kCallScript, TemplatePart::kChatText}) {
    EXPECT_EQ(ParseTemplatePart(TemplatePartName(part)), part);
  }
  EXPECT_EQ(ParseTemplatePart("fax.text"), std::nullopt);
}

TEST(TemplateSetTest, RenderOptionsReplaceAPartialWithFixedText) {
  TemplateSet set;
  ASSERT_TRUE(set.AddPartial("invoice_table", "en", false, "{{#invoices}}{{number}}{{/invoices}}"));
  ASSERT_TRUE(set.Add(Template("letter", "en", TemplatePart::kLetterText,
                               "Dear {{customer.name}},\n\n{{> invoice_table}}\n\nThanks")));
  const std::vector<TemplatePart> letter = {TemplatePart::kLetterText};
  Result<RenderedMessage> plain = set.Render("letter", {"en", ""}, letter, Sample());
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(plain->parts.at(TemplatePart::kLetterText), "Dear Bakkerij Jansen,\n\nINV-1\n\nThanks");

  RenderOptions options;
  options.partial_text["invoice_table"] = "[[table]]";
  Result<RenderedMessage> marked = set.Render("letter", {"en", ""}, letter, Sample(), options);
  ASSERT_TRUE(marked) << marked.error().message;
  EXPECT_EQ(marked->parts.at(TemplatePart::kLetterText),
            "Dear Bakkerij Jansen,\n\n[[table]]\n\nThanks");

  options.partial_text["invoice_table"] = "{{customer.name}}";
  Result<RenderedMessage> tagged = set.Render("letter", {"en", ""}, letter, Sample(), options);
  ASSERT_FALSE(tagged);
  EXPECT_EQ(tagged.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(tagged.error().message, HasSubstr("invoice_table"));
}

}  // namespace
}  // namespace duly::channels
