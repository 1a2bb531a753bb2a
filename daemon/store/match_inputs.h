// duly::daemon match inputs: what the matcher needs from the database, and what it learns.
//
// Promise: LoadMatchIndex fills a MatchIndex with every open invoice and credit note (status
// open, open amount > 0) and every customer with its name, its own IBAN and the accounts it paid
// from before (payer_accounts). RememberPayerAccount stores an IBAN a customer paid from (once;
// a repeat changes nothing) and returns whether it was new. Both run inside the caller's
// transaction and throw soci_error. Thread-safety: one call per session at a time.
#pragma once

#include <string>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/matching/match_index.h"
#include "workflows/status.h"

namespace duly::daemon {

// Errors: kInternal when a stored row does not fit the index (a corrupt date or duplicate id).
Status LoadMatchIndex(soci::session& session, MatchIndex& index);

// REQUIRES: iban is normalised (IbanKey) and not empty; the customer exists.
bool RememberPayerAccount(soci::session& session, const std::string& customer,
                          const std::string& iban, long long now);

}  // namespace duly::daemon
