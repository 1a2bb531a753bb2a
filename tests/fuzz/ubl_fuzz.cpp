// Fuzzes the UBL e-invoice parser and its mapping (daemon/einvoice). Never crashes; a refusal is
// kInvalidArgument naming where the first problem is; an accepted document maps either to an
// error naming an XML path or to records that pass Validate(), with a positive amount.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/einvoice/ubl_parser.h"
#include "daemon/einvoice/ubl_records.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = duly::einvoice::ParseUblDocument(text);
  if (!document) {
    DULY_FUZZ_CHECK(document.error().code == duly::ErrorCode::kInvalidArgument);
    DULY_FUZZ_CHECK(!document.error().fields.empty());
    return 0;
  }
  DULY_FUZZ_CHECK(!document->id.empty());
  DULY_FUZZ_CHECK(document->currency.size() == 3);
  auto invoice = duly::einvoice::InvoiceFromUbl(*document, "C1");
  if (invoice) {
    DULY_FUZZ_CHECK(duly::Validate(*invoice).empty());
    DULY_FUZZ_CHECK(invoice->amount.cents() > 0);
  } else {
    DULY_FUZZ_CHECK(invoice.error().fields.size() == 1);
    DULY_FUZZ_CHECK(invoice.error().fields[0].field.starts_with("/" + document->root));
  }
  auto customer = duly::einvoice::NewCustomer(*document);
  if (customer) {
    DULY_FUZZ_CHECK(duly::Validate(*customer).empty());
  } else {
    DULY_FUZZ_CHECK(customer.error().fields.size() == 1);
  }
  return 0;
}
