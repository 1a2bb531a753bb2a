// The CSV form of invoices and credit notes, for `duly import invoices` and `duly export
// invoices`.
//
// Columns (id, customer, issued, due and amount are required): id, customer (customer id), kind
// (invoice|credit_note, default invoice), issued and due (YYYY-MM-DD), amount (decimal, at most
// two decimals, > 0), currency (default EUR), po_number, reference (structured payment
// reference: OGM, betalingskenmerk or RF), credits_invoice (for a credit note: the invoice it
// corrects).
// The open amount and status are the store's to keep: on import the open amount starts as the
// amount; export does not write them. Documents travel over the API.
//
// Promise: DecodeInvoiceCsv returns every invoice or, when any row is bad, kInvalidArgument
// listing each problem as "row 4, column amount" (Validate() of each invoice included).
// Encoding writes the same columns, so export then import gives equal invoices (open amount,
// status and document aside). Pure functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/csv/csv_table.h"
#include "workflows/invoice.h"
#include "workflows/status.h"

namespace duly::daemon {

inline constexpr std::array<std::string_view, 10> kInvoiceCsvColumns = {
    "id",     "customer", "kind",      "issued",    "due",
    "amount", "currency", "po_number", "reference", "credits_invoice"};

Result<std::vector<Invoice>> DecodeInvoiceCsv(const CsvTable& table);
Result<std::vector<Invoice>> ParseInvoiceCsv(std::string_view text);

std::vector<std::string> InvoiceCsvFields(const Invoice& invoice);
std::string EncodeInvoiceCsv(const std::vector<Invoice>& invoices);

}  // namespace duly::daemon
