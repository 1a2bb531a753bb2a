// duly::KnownCustomer: what identifies a customer as a payer (its name and bank accounts).
//
// Promise: plain data copied from the store's customer and the IBANs it paid from before; the
// matcher normalises both (see match_keys.h). Thread-compatible.
#pragma once

#include <string>
#include <vector>

namespace duly {

struct KnownCustomer {
  std::string id;                  // customer id
  std::string name;                // legal or trading name, may be empty
  std::vector<std::string> ibans;  // accounts the customer pays from, any spacing or case
  friend bool operator==(const KnownCustomer&, const KnownCustomer&) = default;
};

}  // namespace duly
