// ParseUblDocument and InvoiceFromUbl over duly's own testdata: every field read, every error
// named by its XML path.
#include "daemon/einvoice/ubl_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/einvoice/einvoice_test_support.h"
#include "daemon/einvoice/ubl_records.h"

namespace duly::einvoice {
namespace {

using ::testing::HasSubstr;
using testing::Testdata;

CalendarDate Day(const char* text) { return *ParseCalendarDate(text); }

// The XML path an error names (its first field).
std::string PathOf(const Result<UblDocument>& parsed) {
  if (parsed) return "(parsed)";
  return parsed.error().fields.empty() ? "(no field)" : parsed.error().fields[0].field;
}

TEST(UblParser, ReadsEveryFieldOfAPeppolInvoice) {
  auto parsed = ParseUblDocument(Testdata("invoice-endpoint.xml"));
  ASSERT_TRUE(parsed) << parsed.error().message;
  const UblDocument& d = *parsed;
  EXPECT_EQ(d.type, UblDocumentType::kInvoice);
  EXPECT_EQ(d.root, "Invoice");
  EXPECT_EQ(d.type_code, "380");
  EXPECT_EQ(d.id, "INV-2026-100");
  EXPECT_EQ(d.issued, Day("2026-03-01"));
  EXPECT_EQ(d.due, Day("2026-03-31"));
  EXPECT_EQ(d.currency, "EUR");
  EXPECT_EQ(d.payable, Money::FromCents(121000));
  EXPECT_EQ(d.payment_id, "+++090/9337/55493+++");
  EXPECT_EQ(d.buyer_reference, "ANNA-7");
  EXPECT_EQ(d.order_reference, "PO-4711");
  EXPECT_EQ(d.buyer.endpoint_scheme, "0208");
  EXPECT_EQ(d.buyer.endpoint_id, "0123456749");
  EXPECT_EQ(d.buyer.vat_number, "BE 0123.456.749");
  EXPECT_EQ(d.buyer.registration_name, "Bakkerij Peeters BV");
  EXPECT_EQ(d.buyer.trading_name, "Bakkerij Peeters");
  EXPECT_EQ(d.buyer.street, "Veldstraat 12");
  EXPECT_EQ(d.buyer.postal_code, "2000");
  EXPECT_EQ(d.buyer.city, "Antwerpen");
  EXPECT_EQ(d.buyer.country, "BE");
  EXPECT_EQ(d.buyer.email, "boekhouding@peeters.example");
  EXPECT_EQ(d.buyer.phone, "+32 470 12 34 56");
  EXPECT_EQ(d.seller.registration_name, "Duly Demo BV");
  EXPECT_EQ(d.seller.country, "BE");
  ASSERT_TRUE(d.pdf.has_value());
  EXPECT_EQ(d.pdf->filename, "INV-2026-100.pdf");
  EXPECT_EQ(d.pdf->content, "%PDF-1.4\n% duly test invoice\n%%EOF\n");
}

TEST(UblParser, AnyPrefixesAndACreditNote) {
  auto parsed = ParseUblDocument(Testdata("creditnote-endpoint.xml"));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->type, UblDocumentType::kCreditNote);
  EXPECT_EQ(parsed->root, "CreditNote");
  EXPECT_EQ(parsed->billing_reference, "INV-2026-100");
  EXPECT_EQ(parsed->payable, Money::FromCents(12100));
  EXPECT_FALSE(parsed->due.has_value());
  auto invoice = InvoiceFromUbl(*parsed, "C1");
  ASSERT_TRUE(invoice) << invoice.error().message;
  EXPECT_EQ(invoice->kind, InvoiceKind::kCreditNote);
  EXPECT_EQ(invoice->due, invoice->issued);  // a credit note without a due date
}

TEST(UblParser, DueDateFromPaymentMeansOrPaymentTerms) {
  auto means = ParseUblDocument(Testdata("invoice-vat-only.xml"));
  ASSERT_TRUE(means) << means.error().message;
  EXPECT_EQ(means->due, Day("2026-04-01"));
  EXPECT_EQ(means->payable, Money::FromCents(9950));
  auto terms = ParseUblDocument(Testdata("invoice-name-only.xml"));
  ASSERT_TRUE(terms) << terms.error().message;
  EXPECT_EQ(terms->due, Day("2026-03-17"));
  EXPECT_EQ(terms->issued, Day("2026-03-03"));        // "2026-03-03Z"
  EXPECT_EQ(terms->payable, Money::FromCents(4500));  // "45.000"
}

TEST(UblParser, MapsAnInvoice) {
  auto parsed = ParseUblDocument(Testdata("invoice-endpoint.xml"));
  ASSERT_TRUE(parsed);
  auto invoice = InvoiceFromUbl(*parsed, "C1");
  ASSERT_TRUE(invoice) << invoice.error().message;
  EXPECT_EQ(invoice->kind, InvoiceKind::kInvoice);
  EXPECT_EQ(invoice->amount, Money::FromCents(121000));
  EXPECT_EQ(invoice->open_amount, invoice->amount);
  EXPECT_EQ(invoice->po_number, "PO-4711");  // OrderReference before BuyerReference
  EXPECT_EQ(invoice->reference, "+++090/9337/55493+++");
  ASSERT_TRUE(invoice->document.has_value());
  EXPECT_EQ(invoice->document->media_type, "application/pdf");
  auto customer = NewCustomer(*parsed);
  ASSERT_TRUE(customer) << customer.error().message;
  EXPECT_EQ(customer->id, "peppol:0208:0123456749");
  EXPECT_EQ(customer->name, "Bakkerij Peeters BV");
  EXPECT_EQ(customer->vat_number, "BE0123456749");
  EXPECT_EQ(customer->phone, "+32470123456");
  EXPECT_EQ(customer->email, "boekhouding@peeters.example");
  EXPECT_EQ(customer->address.city, "Antwerpen");
  EXPECT_EQ(customer->language, "nl");
}

TEST(UblParser, ANegativeInvoiceIsACreditNote) {
  std::string xml = Testdata("invoice-name-only.xml");
  xml.replace(xml.find(">45.000<"), 8, ">-45.00<");
  auto parsed = ParseUblDocument(xml);
  ASSERT_TRUE(parsed) << parsed.error().message;
  auto invoice = InvoiceFromUbl(*parsed, "C1");
  ASSERT_TRUE(invoice) << invoice.error().message;
  EXPECT_EQ(invoice->kind, InvoiceKind::kCreditNote);
  EXPECT_EQ(invoice->amount, Money::FromCents(4500));
}

struct Refusal {
  const char* file;
  const char* path;     // the XML path the error names
  const char* message;  // part of the message
};

class UblRefusal : public ::testing::TestWithParam<Refusal> {};

// "error-bad-date.xml" -> "error_bad_date".
std::string RefusalName(const ::testing::TestParamInfo<Refusal>& param) {
  std::string name;
  for (const char* c = param.param.file; *c != '.'; ++c) name += (*c == '-') ? '_' : *c;
  return name;
}

TEST_P(UblRefusal, NamesThePath) {
  const Refusal& refusal = GetParam();
  Result<UblDocument> parsed = ParseUblDocument(Testdata(refusal.file));
  Error error;
  if (parsed) {
    auto invoice = InvoiceFromUbl(*parsed, "C1");
    ASSERT_FALSE(invoice) << refusal.file << " was accepted";
    error = invoice.error();
  } else {
    error = parsed.error();
  }
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(error.fields.empty()) << error.message;
  EXPECT_EQ(error.fields[0].field, refusal.path) << error.message;
  EXPECT_THAT(error.message, HasSubstr(refusal.message));
  if (std::string(refusal.path) != "/") {
    EXPECT_THAT(error.message, HasSubstr(refusal.path));
  }
}

INSTANTIATE_TEST_SUITE_P(
    OwnTestdata, UblRefusal,
    ::testing::Values(Refusal{"error-doctype.xml", "/", "DTDs and entities are refused"},
                      Refusal{"error-external-entity.xml", "/", "DTDs and entities are refused"},
                      Refusal{"error-missing-payable.xml",
                              "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount", "is missing"},
                      Refusal{"error-bad-date.xml", "/Invoice/cbc:IssueDate", "is not a date"},
                      Refusal{"error-unknown-type.xml", "/Order", "is a UBL Order-2 document"},
                      Refusal{"error-bad-base64.xml",
                              "/Invoice/cac:AdditionalDocumentReference/cac:Attachment/"
                              "cbc:EmbeddedDocumentBinaryObject",
                              "is not valid base64"},
                      Refusal{"error-no-due-date.xml", "/Invoice/cbc:DueDate",
                              "duly cannot remind"},
                      Refusal{"error-bad-ogm.xml", "/Invoice/cac:PaymentMeans/cbc:PaymentID",
                              "looks like a structured payment reference"},
                      Refusal{"error-amount-cents.xml",
                              "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount", "beyond cents"}),
    RefusalName);

TEST(UblParser, MalformedXmlAndOddInputs) {
  auto broken = ParseUblDocument("<Invoice><cbc:ID>1</Invoice>");
  ASSERT_FALSE(broken);
  EXPECT_THAT(broken.error().message, HasSubstr("not well-formed XML at offset"));
  EXPECT_FALSE(ParseUblDocument(""));
  auto foreign = ParseUblDocument(
      "<Invoice xmlns=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"/>");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().fields[0].field, "/Invoice");
  EXPECT_THAT(foreign.error().message, HasSubstr("not a UBL Invoice or CreditNote"));
  // Lower-case doctype and an entity declaration without a DOCTYPE are refused too.
  EXPECT_FALSE(ParseUblDocument("<?xml version=\"1.0\"?><!doctype x><x/>"));
  EXPECT_FALSE(ParseUblDocument("<!ENTITY a \"b\"><x/>"));
}

TEST(UblParser, PayableCurrencyMustBeTheDocumentCurrency) {
  std::string xml = Testdata("invoice-name-only.xml");
  xml.replace(xml.find("currencyID=\"EUR\">45"), 16, "currencyID=\"USD\"");
  auto parsed = ParseUblDocument(xml);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(PathOf(parsed), "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount");
  EXPECT_THAT(parsed.error().message, HasSubstr("is in USD but the document currency is EUR"));
}

TEST(UblParser, FreeTextAndForeignPaymentIdsAreNoReference) {
  auto parsed = ParseUblDocument(Testdata("invoice-endpoint.xml"));
  ASSERT_TRUE(parsed);
  UblDocument document = *parsed;
  document.payment_id = "Payref1";
  EXPECT_EQ(*StructuredReference(document), "");
  document.payment_id = "0003434323213231";  // a Norwegian KID from a BE seller: refused
  EXPECT_FALSE(StructuredReference(document));
  document.seller.country = "NO";  // the same digits from a Norwegian seller: not ours to check
  EXPECT_EQ(*StructuredReference(document), "");
  document.payment_id = "RF18 5390 0754 7034";
  EXPECT_EQ(*StructuredReference(document), "RF18 5390 0754 7034");
  document.payment_id = "RF19 5390 0754 7034";
  EXPECT_FALSE(StructuredReference(document));
}

}  // namespace
}  // namespace duly::einvoice
