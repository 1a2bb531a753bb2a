#include "daemon/einvoice/customer_directory.h"

#include "daemon/einvoice/ubl_records.h"

namespace duly::einvoice {
namespace {

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The one id under `key`, nullopt when none, an error when several.
Result<std::optional<std::string>> Unique(
    const std::map<std::string, std::vector<std::string>>& index, const std::string& key,
    const std::string& path, const std::string& what) {
  const auto found = index.find(key);
  if (key.empty() || found == index.end()) return std::optional<std::string>();
  if (found->second.size() > 1) {
    const std::string message = what + " \"" + key + "\" matches several customers (" +
                                Joined(found->second) +
                                "); give the buyer an endpoint id duly knows or make it unique";
    return InvalidArgument("UBL: " + path + ": " + message, {{path, message}});
  }
  return std::optional<std::string>(found->second.front());
}

}  // namespace

const char* CustomerMatchRuleName(CustomerMatchRule rule) {
  switch (rule) {
    case CustomerMatchRule::kEndpoint:
      return "endpoint";
    case CustomerMatchRule::kVatNumber:
      return "vat_number";
    case CustomerMatchRule::kName:
      return "name";
    case CustomerMatchRule::kCreated:
      return "created";
  }
  return "created";
}

Result<CustomerDirectory> CustomerDirectory::Load(Store& store) {
  CustomerDirectory directory;
  PageRequest page{.after = "", .limit = 1000};
  while (true) {
    auto customers = store.ListCustomers(page);
    if (!customers) return std::move(customers).error();
    for (const Customer& customer : customers->items) directory.Add(customer);
    if (customers->next_after.empty()) break;
    page.after = customers->next_after;
  }
  return directory;
}

void CustomerDirectory::Add(const Customer& customer) {
  if (!ids_.insert(customer.id).second) return;
  if (!customer.vat_number.empty()) {
    by_vat_[NormalisedVatNumber(customer.vat_number)].push_back(customer.id);
  }
  by_name_[customer.name].push_back(customer.id);
}

Result<std::optional<CustomerMatch>> CustomerDirectory::Match(const UblDocument& document) const {
  const UblParty& buyer = document.buyer;
  if (!buyer.endpoint_id.empty()) {
    const std::string id = "peppol:" + buyer.endpoint_scheme + ":" + buyer.endpoint_id;
    if (ids_.count(id) > 0) {
      return std::optional<CustomerMatch>(CustomerMatch{id, CustomerMatchRule::kEndpoint});
    }
  }
  auto by_vat = Unique(by_vat_, NormalisedVatNumber(buyer.vat_number),
                       BuyerPath(document, "cac:PartyTaxScheme/cbc:CompanyID"), "VAT number");
  if (!by_vat) return std::move(by_vat).error();
  if (*by_vat) {
    return std::optional<CustomerMatch>(CustomerMatch{**by_vat, CustomerMatchRule::kVatNumber});
  }
  for (const auto& [name, path] :
       {std::pair{buyer.registration_name, "cac:PartyLegalEntity/cbc:RegistrationName"},
        std::pair{buyer.trading_name, "cac:PartyName/cbc:Name"}}) {
    auto by_name = Unique(by_name_, name, BuyerPath(document, path), "name");
    if (!by_name) return std::move(by_name).error();
    if (*by_name) {
      return std::optional<CustomerMatch>(CustomerMatch{**by_name, CustomerMatchRule::kName});
    }
  }
  return std::optional<CustomerMatch>();
}

}  // namespace duly::einvoice
