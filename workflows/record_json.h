// JSON forms of duly's records, as the REST API reads and writes them (schemas/*.schema.json).
//
// Promise: the *FromJson decoders turn one schema-validated object into a record and check what a
// schema cannot: that dates name real days (2026-02-30 is an error), that amounts parse exactly
// (Money::Parse) and are not negative, and that a document's content is valid base64. Each problem
// is one FieldError named `at` + "/field" (`at` is the object's pointer in the body, such as
// "/invoices/3"), and all problems of the object are reported together. Fields left out keep the
// record's defaults; output-only fields (an invoice's open_amount and status) are ignored, and a
// new invoice's open amount is its amount. Rules of the records themselves (id shapes, IBAN
// check digits, ...) stay with Validate() and the store.
// ToJson writes amounts as "1250.00", dates as YYYY-MM-DD and instants as ISO 8601 UTC
// ("2026-03-10T08:00:00.000Z"); an invoice's document is described by filename and media type,
// without its bytes (GET /v1/invoices/{id}/document serves those).
// ParseJson and DumpJson are the edge where nlohmann's exceptions (malformed JSON, invalid UTF-8)
// become Errors. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "workflows/colleague.h"
#include "workflows/customer.h"
#include "workflows/event.h"
#include "workflows/invoice.h"
#include "workflows/payment.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

// Parses a request body. Errors: kInvalidArgument with field "" and a message naming the
// problem and its place ("the body is not valid JSON: ... line 1, column 15: ... ill-formed
// UTF-8 byte").
Result<nlohmann::json> ParseJson(std::string_view text);

// Serialises compactly. Errors: kInternal when a string holds invalid UTF-8 (a stored value that
// bypassed validation).
Result<std::string> DumpJson(const nlohmann::json& value);

// Decoders. Errors: kInvalidArgument with one FieldError per problem, named under `at`.
Result<Customer> CustomerFromJson(const nlohmann::json& object, const std::string& at);
Result<Colleague> ColleagueFromJson(const nlohmann::json& object, const std::string& at);
Result<Invoice> InvoiceFromJson(const nlohmann::json& object, const std::string& at);
Result<Payment> PaymentFromJson(const nlohmann::json& object, const std::string& at);
Result<UpsertSummary> UpsertSummaryFromJson(const nlohmann::json& object, const std::string& at);

nlohmann::json ToJson(const Customer& customer);
nlohmann::json ToJson(const Colleague& colleague);
nlohmann::json ToJson(const Invoice& invoice);
nlohmann::json ToJson(const Payment& payment);
// The payload is embedded as JSON when it parses, else as a string.
nlohmann::json ToJson(const Event& event);
nlohmann::json ToJson(const UpsertSummary& summary);
// first_bad_seq and problem appear only when the history is not intact.
nlohmann::json ToJson(const HistoryVerdict& verdict);

}  // namespace duly
