// duly::daemon generated payment references: a structured reference for every invoice that
// arrives without one, so every message can quote one and the bank's statement matches by it.
//
// Promise: GeneratedReferenceFor is pure and deterministic: a Belgian OGM (+++ddd/dddd/ddddd+++)
// for a customer in BE, a Dutch betalingskenmerk (16 digits) for NL, an ISO 11649 RF reference
// otherwise, derived from the invoice id and `attempt` (a hash, so ids with no digits work too).
// AssignReferences returns, for each invoice of a batch that is of kind invoice and has no
// reference, the reference to store: the one stored before when the invoice exists with one
// (a re-send without it keeps it), else a generated one that no stored invoice and no other
// invoice of the batch has (re-derived with the next attempt on a clash). Runs inside the
// caller's transaction; throws soci_error. Thread-safety: GeneratedReferenceFor is thread-safe;
// AssignReferences belongs to its transaction.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/invoice.h"

namespace duly::daemon {

std::string GeneratedReferenceFor(std::string_view invoice_id, std::string_view country,
                                  int attempt);

// By invoice id.
std::map<std::string, std::string> AssignReferences(soci::session& session, DatabaseKind kind,
                                                    const std::vector<Invoice>& invoices);

}  // namespace duly::daemon
