// duly::daemon::ApplyCreditNotes: nets open credit notes against invoices as a match decided.
//
// Promise: for each use, lowers the credit note's and the invoice's open amounts by the use's
// amount, records the allocation (credit_note -> invoice), sets both statuses (an invoice the
// credit note alone settles is "credited") and appends "invoice.credited" {credit_note, amount,
// open_amount, status} on the invoice. Errors (nothing applied is then kept: the caller rolls
// back): kConflict when an id is not an open credit note / invoice of the same customer and
// currency, or an amount exceeds what is open. Runs inside the caller's write transaction;
// throws soci_error. Thread-safety: one call per transaction at a time.
#pragma once

#include <span>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/matching/match_decision.h"
#include "workflows/status.h"

namespace duly::daemon {

Status ApplyCreditNotes(soci::session& session, DatabaseKind kind,
                        std::span<const CreditNoteUse> uses, HistoryChain& chain);

}  // namespace duly::daemon
