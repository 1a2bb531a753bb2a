// The CSV form of payments, for `duly import payments` and `duly export payments`.
//
// Columns (id, customer, amount and received are required): id (external id), customer
// (customer id), amount (decimal, > 0), currency (default EUR), received (value date,
// YYYY-MM-DD), method (bank_transfer|direct_debit|card|ideal|cash|other, default
// bank_transfer), reference (structured reference the payer gave), counterparty_name,
// counterparty_iban, remittance (free text, may hold line breaks), allocations ('|'-separated
// invoice=amount pairs, "INV-1=100.00|INV-2=50.00"; empty lets the store allocate).
//
// Promise: DecodePaymentCsv returns every payment or, when any row is bad, kInvalidArgument
// listing each problem as "row 4, column amount" (Validate() of each payment included).
// Encoding writes the same columns (allocations as posted), so export then import gives equal
// payments. Pure functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/csv/csv_table.h"
#include "workflows/payment.h"
#include "workflows/status.h"

namespace duly::daemon {

inline constexpr std::array<std::string_view, 11> kPaymentCsvColumns = {
    "id",         "customer",          "amount",
    "currency",   "received",          "method",
    "reference",  "counterparty_name", "counterparty_iban",
    "remittance", "allocations"};

Result<std::vector<Payment>> DecodePaymentCsv(const CsvTable& table);
Result<std::vector<Payment>> ParsePaymentCsv(std::string_view text);

std::vector<std::string> PaymentCsvFields(const Payment& payment);
std::string EncodePaymentCsv(const std::vector<Payment>& payments);

}  // namespace duly::daemon
