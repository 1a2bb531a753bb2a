// What a message about a customer's invoices says: the MessageValues the templates render, and
// the languages tried.
//
// Promise: ValuesFor fills every variable of message_values.h from the customer, its invoices
// (in the order given), the company profile and `today`: customer.number is the customer's id;
// the collector's e-mail and phone fall back to the company's, the collector's name to the
// company's name, so no template renders a blank collector. `reference` is ReferenceToQuote().
// An invoice's days_overdue is the days from its due date to `today`, never negative. The
// currency is the first invoice's. LanguagesFor asks for the customer's language, then a second
// language for German speakers in Belgium and Luxembourg ("fr"), then English (TemplateSet adds
// "en" itself). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "channels/compose/company_profile.h"
#include "channels/templates/message_values.h"
#include "channels/templates/template_set.h"
#include "workflows/calendar_date.h"
#include "workflows/customer.h"
#include "workflows/invoice.h"

namespace duly::channels {

// The reference the customer quotes when paying: one invoice's structured reference in its display
// form ("+++090/9337/55493+++"; its number when it has none); for several invoices their numbers,
// ", "-separated, since one invoice's structured reference would misallocate a payment of the
// total.
std::string ReferenceToQuote(const std::vector<Invoice>& invoices);

MessageValues ValuesFor(const Customer& customer, const std::vector<Invoice>& invoices,
                        const CompanyProfile& company, CalendarDate today);

LanguagePreference LanguagesFor(const Customer& customer);

}  // namespace duly::channels
