// The CSV form of customers, for `duly import customers` and `duly export customers`.
//
// Columns (header names; only id and name are required, the others may be left out):
//   id, name, kind (b2b|b2c, default b2b), language (nl|fr|en|de, default nl), email, phone
//   (E.164), whatsapp (true|false), preferred_channels ('|'-separated, e.g. "email|sms"),
//   account_manager (colleague id), tags ('|'-separated), street, postal_code, city, country
//   (ISO 3166-1 alpha-2), vat_number, iban, time_zone (IANA), credit_limit (decimal, empty for
//   none), currency (default EUR).
// Contacts are not part of the CSV form; they travel over the API.
//
// Promise: DecodeCustomerCsv turns every row into a Customer and checks it with Validate(); it
// returns all customers or, when any row is bad, kInvalidArgument listing each problem as
// "row 4, column email". Encoding writes the same columns, so what is exported imports back to
// equal customers (contacts aside). Pure functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/csv/csv_table.h"
#include "workflows/customer.h"
#include "workflows/status.h"

namespace duly::daemon {

inline constexpr std::array<std::string_view, 20> kCustomerCsvColumns = {"id",
                                                                         "name",
                                                                         "kind",
                                                                         "language",
                                                                         "email",
                                                                         "phone",
                                                                         "whatsapp",
                                                                         "preferred_channels",
                                                                         "account_manager",
                                                                         "tags",
                                                                         "street",
                                                                         "postal_code",
                                                                         "city",
                                                                         "country",
                                                                         "vat_number",
                                                                         "iban",
                                                                         "time_zone",
                                                                         "credit_limit",
                                                                         "currency",
                                                                         "risk_rating"};

Result<std::vector<Customer>> DecodeCustomerCsv(const CsvTable& table);
// CsvTable::Parse then DecodeCustomerCsv.
Result<std::vector<Customer>> ParseCustomerCsv(std::string_view text);

// The fields of one customer in kCustomerCsvColumns order.
std::vector<std::string> CustomerCsvFields(const Customer& customer);
// A whole file: the header, then one row per customer.
std::string EncodeCustomerCsv(const std::vector<Customer>& customers);

}  // namespace duly::daemon
