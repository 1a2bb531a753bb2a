// duly::einvoice::CustomerDirectory: finds the customer a UBL buyer is, by endpoint id, then VAT
// number, then exact name, over every stored customer and those added during one import.
//
// Promise: Load() reads all customers once (paged through Store::ListCustomers). Match() answers
// in order: (1) a customer whose id is the buyer's derived endpoint id ("peppol:<scheme>:<id>",
// see NewCustomerId: customers duly created from an earlier e-invoice); (2) the one customer whose
// VAT number equals the buyer's (compared normalised); (3) the one customer whose name equals
// the buyer's legal name, else its trading name, exactly. A VAT number or name shared by several
// customers is kInvalidArgument naming them and the XML path, never a guess. nullopt: no match
// (the caller creates a customer). Customer has no Peppol endpoint field: an ERP customer is found
// by VAT number or name until its id is the derived one. Not synchronised: one import at a time.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/einvoice/ubl_document.h"
#include "workflows/store.h"

namespace duly::einvoice {

enum class CustomerMatchRule { kEndpoint, kVatNumber, kName, kCreated };
const char* CustomerMatchRuleName(CustomerMatchRule rule);  // "endpoint", "vat_number", ...

struct CustomerMatch {
  std::string customer;  // customer id
  CustomerMatchRule rule = CustomerMatchRule::kEndpoint;
};

class CustomerDirectory {
 public:
  // Errors: whatever ListCustomers returns (kUnavailable, ...).
  static Result<CustomerDirectory> Load(Store& store);

  // See the header comment.
  Result<std::optional<CustomerMatch>> Match(const UblDocument& document) const;

  // Makes `customer` known to later Match() calls (a customer created earlier in the same import).
  void Add(const Customer& customer);

 private:
  std::set<std::string> ids_;
  std::map<std::string, std::vector<std::string>> by_vat_;   // normalised VAT number -> ids
  std::map<std::string, std::vector<std::string>> by_name_;  // exact name -> ids
};

}  // namespace duly::einvoice
