#include "channels/compose/letter_document_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly::channels {
namespace {

LetterDocument Sample() {
  LetterDocument letter;
  letter.customer = "C-7";
  letter.sender = {"Duly Demo BV",
                   {"Kerkstraat 1", "1000 Brussel"},
                   "BE68 5390 0754 7034",
                   "GKCCBEBB",
                   {"+32 2 123 45 67", "invoices@duly.example"}};
  letter.recipient = {"Brasserie L'Été", {"Rue Féronstrée 12", "4000 Liège"}};
  letter.place_and_date = "Brussel, 10 maart 2026";
  letter.subject = "Herinnering";
  letter.paragraphs = {"Beste klant,", "regel één\nregel twee"};
  letter.invoices = {{"INV-1", "01-02-2026", "03-03-2026", "€ 1.234,56", "€ 1.234,56"}};
  letter.total = "€ 1.234,56";
  letter.payment_reference = "+++090/9337/55493+++";
  letter.closing = {"Met vriendelijke groet"};
  letter.logo_png = std::string("\x89PNG\r\n\x1a\n\0\x01", 10);
  letter.language = "fr";
  return letter;
}

void ExpectSame(const LetterDocument& a, const LetterDocument& b) {
  EXPECT_EQ(a.customer, b.customer);
  EXPECT_EQ(a.sender.company_name, b.sender.company_name);
  EXPECT_EQ(a.sender.address_lines, b.sender.address_lines);
  EXPECT_EQ(a.sender.iban, b.sender.iban);
  EXPECT_EQ(a.sender.bic, b.sender.bic);
  EXPECT_EQ(a.sender.contact_lines, b.sender.contact_lines);
  EXPECT_EQ(a.recipient.name, b.recipient.name);
  EXPECT_EQ(a.recipient.address_lines, b.recipient.address_lines);
  EXPECT_EQ(a.place_and_date, b.place_and_date);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.paragraphs, b.paragraphs);
  ASSERT_EQ(a.invoices.size(), b.invoices.size());
  for (std::size_t i = 0; i < a.invoices.size(); ++i) {
    EXPECT_EQ(a.invoices[i].number, b.invoices[i].number);
    EXPECT_EQ(a.invoices[i].issued, b.invoices[i].issued);
    EXPECT_EQ(a.invoices[i].due, b.invoices[i].due);
    EXPECT_EQ(a.invoices[i].amount, b.invoices[i].amount);
    EXPECT_EQ(a.invoices[i].open, b.invoices[i].open);
  }
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.payment_reference, b.payment_reference);
  EXPECT_EQ(a.closing, b.closing);
  EXPECT_EQ(a.logo_png, b.logo_png);
  EXPECT_EQ(a.language, b.language);
}

TEST(LetterDocumentJsonTest, RoundTripsEveryField) {
  const LetterDocument letter = Sample();
  const std::string json = LetterDocumentToJson(letter);
  EXPECT_NE(json.find("Liège"), std::string::npos) << "UTF-8 kept as written";
  Result<LetterDocument> back = LetterDocumentFromJson(json);
  ASSERT_TRUE(back) << back.error().message;
  ExpectSame(letter, *back);
}

TEST(LetterDocumentJsonTest, RoundTripsAnEmptyLetter) {
  Result<LetterDocument> back = LetterDocumentFromJson(LetterDocumentToJson(LetterDocument{}));
  ASSERT_TRUE(back) << back.error().message;
  ExpectSame(LetterDocument{}, *back);
}

TEST(LetterDocumentJsonTest, RefusesWhatIsNotALetterNamingTheField) {
  auto field_of = [](std::string_view text) {
    Result<LetterDocument> decoded = LetterDocumentFromJson(text);
    EXPECT_FALSE(decoded) << text;
    if (decoded) return std::string("<decoded>");
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
    return decoded.error().fields.empty() ? std::string("<none>")
                                          : decoded.error().fields.front().field;
  };
  EXPECT_EQ(field_of("not json"), "");
  EXPECT_EQ(field_of(R"({"customer": "C1"})"), "/format");
  EXPECT_EQ(field_of(R"({"format": 2})"), "/format");
  EXPECT_EQ(field_of(R"({"format": 1, "recipient": {"name": 7}})"), "/recipient/name");
  EXPECT_EQ(field_of(R"({"format": 1, "paragraphs": ["a", 1]})"), "/paragraphs");
  EXPECT_EQ(field_of(R"({"format": 1, "invoices": [{"number": "I1"}, {"open": false}]})"),
            "/invoices/1/open");
  EXPECT_EQ(field_of(R"({"format": 1, "sender": []})"), "/sender");
  EXPECT_EQ(field_of(R"({"format": 1, "logo_png_base64": "***"})"), "/logo_png_base64");
}

}  // namespace
}  // namespace duly::channels
