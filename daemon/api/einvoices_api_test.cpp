#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

// A Peppol-shaped invoice whose buyer has VAT number `vat`; `payable` is the PayableAmount
// element (or anything in its place).
std::string UblInvoice(const std::string& vat, const std::string& payable) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
         xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>UBL-1</cbc:ID>
  <cbc:IssueDate>2026-03-01</cbc:IssueDate>
  <cbc:DueDate>2026-03-31</cbc:DueDate>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:OrderReference><cbc:ID>PO-9</cbc:ID></cac:OrderReference>
  <cac:AdditionalDocumentReference>
    <cbc:ID>UBL-1</cbc:ID>
    <cac:Attachment>
      <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf"
        filename="UBL-1.pdf">JVBERi0xLjQK</cbc:EmbeddedDocumentBinaryObject>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyTaxScheme><cbc:CompanyID>)" +
         vat +
         R"(</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Bakkerij de Vries BV</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:LegalMonetaryTotal>)" +
         payable + R"(</cac:LegalMonetaryTotal>
</Invoice>
)";
}

const std::string kPayable = R"(<cbc:PayableAmount currencyID="EUR">605.00</cbc:PayableAmount>)";

TEST_F(ApiTest, UblUploadMatchesTheCustomerAndStoresThePdf) {
  ASSERT_EQ(Admin("POST", "/v1/customers",
                  R"({"customers": [{"id": "C1", "name": "Bakkerij de Vries",
                      "vat_number": "NL123456789B01"}]})")
                .status,
            200);
  const int wakes = wakes_;
  HttpResponse imported = Call("POST", "/v1/invoices/ubl", tokens_.at(Role::kIntegration),
                               UblInvoice("NL 1234.56789.B01", kPayable));
  ASSERT_EQ(imported.status, 200) << imported.body;
  const nlohmann::json body = Json(imported);
  EXPECT_EQ(body["invoice"], "UBL-1");
  EXPECT_EQ(body["kind"], "invoice");
  EXPECT_EQ(body["customer"], "C1");
  EXPECT_EQ(body["matched_by"], "vat_number");
  EXPECT_EQ(body["customer_created"], false);
  EXPECT_EQ(body["created"], 1);
  EXPECT_GT(wakes_, wakes);

  const nlohmann::json invoice = Json(Admin("GET", "/v1/invoices/UBL-1"));
  EXPECT_EQ(invoice["amount"], "605.00");
  EXPECT_EQ(invoice["po_number"], "PO-9");
  EXPECT_EQ(invoice["due"], "2026-03-31");
  HttpResponse pdf = Admin("GET", "/v1/invoices/UBL-1/document");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body, "%PDF-1.4\n");

  const std::string before = Snapshot();
  HttpResponse again = Admin("POST", "/v1/invoices/ubl", UblInvoice("NL123456789B01", kPayable));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Json(again)["unchanged"], 1);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ApiTest, UblUploadCreatesAnUnknownBuyer) {
  HttpResponse imported = Admin("POST", "/v1/invoices/ubl", UblInvoice("BE0123456749", kPayable));
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Json(imported)["customer"], "vat:BE0123456749");
  EXPECT_EQ(Json(imported)["customer_created"], true);
  const nlohmann::json customer = Json(Admin("GET", "/v1/customers/vat:BE0123456749"));
  EXPECT_EQ(customer["name"], "Bakkerij de Vries BV");
  EXPECT_EQ(customer["vat_number"], "BE0123456749");
}

TEST_F(ApiTest, UblUploadRefusalsNameTheXmlPathAndWriteNothing) {
  const std::string before = Snapshot();
  HttpResponse missing = Admin("POST", "/v1/invoices/ubl", UblInvoice("BE0123456749", ""));
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(
      Fields(missing).rfind("/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount: is missing", 0), 0U)
      << missing.body;
  HttpResponse doctype = Admin("POST", "/v1/invoices/ubl",
                               "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY x SYSTEM "
                               "\"file:///etc/passwd\">]>\n<Invoice>&x;</Invoice>");
  EXPECT_EQ(doctype.status, 400);
  EXPECT_NE(doctype.body.find("DTDs and entities are refused"), std::string::npos);
  EXPECT_EQ(Admin("POST", "/v1/invoices/ubl", "{\"invoices\": []}").status, 400);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(Call("POST", "/v1/invoices/ubl", tokens_.at(Role::kCollector),
                 UblInvoice("BE0123456749", kPayable))
                .status,
            403);
}

}  // namespace
}  // namespace duly::daemon
