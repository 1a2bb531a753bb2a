// duly::daemon::FindCustomersByPhone: which customers an inbound SMS or WhatsApp number belongs
// to.
//
// Promise: the ids, sorted, of the customers whose own phone (index customers_phone) or one of
// whose contacts' phones is exactly `phone`. Contacts live in the customers.contacts JSON: rows
// whose JSON text contains the number are read and their contacts compared exactly, so a number
// that is a prefix of another never matches it. Only E.164 text ("+" and 6 to 15 digits) can
// match; anything else yields no customer. Throws soci_error. Thread-safety: one session, one
// thread.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

namespace duly::daemon {

std::vector<std::string> FindCustomersByPhone(soci::session& session, const std::string& phone);

}  // namespace duly::daemon
