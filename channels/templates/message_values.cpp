#include "channels/templates/message_values.h"

#include <algorithm>

namespace duly::channels {

std::map<std::string, std::string, std::less<>> TopLevelValues(const MessageValues& values,
                                                               Locale locale) {
  Money total_open;
  std::int64_t days_overdue = 0;
  for (const InvoiceLine& invoice : values.invoices) {
    total_open += invoice.open_amount;
    days_overdue = std::max(days_overdue, invoice.days_overdue);
  }
  std::string oldest_due;
  if (!values.invoices.empty()) {
    const auto oldest =
        std::min_element(values.invoices.begin(), values.invoices.end(),
                         [](const InvoiceLine& a, const InvoiceLine& b) { return a.due < b.due; });
    oldest_due = FormatDate(oldest->due, locale);
  }
  return {
      {"customer.name", values.customer_name},
      {"customer.number", values.customer_number},
      {"company.name", values.company_name},
      {"company.email", values.company_email},
      {"company.phone", values.company_phone},
      {"company.iban", values.company_iban},
      {"collector.name", values.collector_name},
      {"collector.email", values.collector_email},
      {"collector.phone", values.collector_phone},
      {"colleague.name", values.colleague_name},
      {"reference", values.reference},
      {"payment_link", values.payment_link},
      {"total_open", FormatMoney(total_open, values.currency, locale)},
      {"invoice_count", std::to_string(values.invoices.size())},
      {"oldest_due", oldest_due},
      {"days_overdue", std::to_string(days_overdue)},
      {"today", FormatDate(values.today, locale)},
  };
}

std::map<std::string, std::string, std::less<>> InvoiceValues(const InvoiceLine& invoice,
                                                              std::string_view currency,
                                                              Locale locale) {
  return {
      {"number", invoice.number},
      {"issued", FormatDate(invoice.issued, locale)},
      {"due", FormatDate(invoice.due, locale)},
      {"amount", FormatMoney(invoice.amount, currency, locale)},
      {"open_amount", FormatMoney(invoice.open_amount, currency, locale)},
      {"days_overdue", std::to_string(invoice.days_overdue)},
  };
}

}  // namespace duly::channels
