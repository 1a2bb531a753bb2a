// duly::channels::MessageValues: everything a message template may say, and the variable names
// templates use to say it.
//
// Promise: the variable set below is closed. A template may use exactly these names (dotted names
// reach into an object, names inside {{#invoices}} reach the invoice fields) and nothing else;
// TemplateSet rejects any other name when the template is added. Amounts and dates are formatted
// per locale (locale_format.h) when the values are flattened, so templates never format.
// Plain data; the functions are pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "channels/templates/locale_format.h"
#include "workflows/calendar_date.h"
#include "workflows/money.h"

namespace duly::channels {

// Names a template may use at the top level.
inline constexpr std::array<std::string_view, 18> kTemplateVariables = {
    "customer.name", "customer.number", "company.name",    "company.email",   "company.phone",
    "company.iban",  "collector.name",  "collector.email", "collector.phone", "colleague.name",
    "reference",     "payment_link",    "total_open",      "invoice_count",   "oldest_due",
    "days_overdue",  "today",           "invoices",
};

// The list variable, and the names a template may use inside {{#invoices}} ... {{/invoices}}.
inline constexpr std::string_view kInvoiceListVariable = "invoices";
inline constexpr std::array<std::string_view, 6> kInvoiceVariables = {
    "number", "issued", "due", "amount", "open_amount", "days_overdue",
};

// The partials a template may include with {{> name}}.
inline constexpr std::array<std::string_view, 2> kTemplatePartials = {"invoice_table",
                                                                      "payment_link"};

struct InvoiceLine {
  std::string number;
  CalendarDate issued;
  CalendarDate due;
  Money amount;
  Money open_amount;
  std::int64_t days_overdue = 0;
};

struct MessageValues {
  std::string customer_name;
  std::string customer_number;
  std::string company_name;
  std::string company_email;
  std::string company_phone;
  std::string company_iban;
  std::string collector_name;
  std::string collector_email;
  std::string collector_phone;
  std::string colleague_name;    // the colleague a colleague message goes to
  std::string reference;         // the payment reference the customer quotes
  std::string payment_link;      // empty when there is none
  std::string currency = "EUR";  // ISO 4217 code of every amount
  CalendarDate today;
  std::vector<InvoiceLine> invoices;
};

// The top-level variables as text in `locale`: "customer.name" -> "Bakkerij Jansen",
// "total_open" -> "€ 1.234,56" (sum of the invoices' open amounts), "oldest_due" (earliest due
// date, empty without invoices), "days_overdue" (the largest), "invoice_count". "invoices" is not
// in the map.
std::map<std::string, std::string, std::less<>> TopLevelValues(const MessageValues& values,
                                                               Locale locale);

// One invoice's fields as text in `locale`, keyed by the kInvoiceVariables names.
std::map<std::string, std::string, std::less<>> InvoiceValues(const InvoiceLine& invoice,
                                                              std::string_view currency,
                                                              Locale locale);

}  // namespace duly::channels
