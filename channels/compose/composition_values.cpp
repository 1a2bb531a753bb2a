#include "channels/compose/composition_values.h"

#include "workflows/payment_reference.h"

namespace duly::channels {

std::string ReferenceToQuote(const std::vector<Invoice>& invoices) {
  if (invoices.size() == 1) {
    const Invoice& invoice = invoices.front();
    if (invoice.reference.empty()) return invoice.id;
    Result<PaymentReference> parsed = ParsePaymentReference(invoice.reference);
    return parsed ? parsed->display : invoice.reference;
  }
  std::string numbers;
  for (const Invoice& invoice : invoices) numbers += (numbers.empty() ? "" : ", ") + invoice.id;
  return numbers;
}

MessageValues ValuesFor(const Customer& customer, const std::vector<Invoice>& invoices,
                        const CompanyProfile& company, CalendarDate today) {
  MessageValues values;
  values.customer_name = customer.name;
  values.customer_number = customer.id;
  values.company_name = company.name;
  values.company_email = company.email;
  values.company_phone = company.phone;
  values.company_iban = company.iban;
  values.collector_name = company.collector_name.empty() ? company.name : company.collector_name;
  values.collector_email =
      company.collector_email.empty() ? company.email : company.collector_email;
  values.collector_phone =
      company.collector_phone.empty() ? company.phone : company.collector_phone;
  values.reference = ReferenceToQuote(invoices);
  values.today = today;
  if (!invoices.empty()) values.currency = invoices.front().currency;
  for (const Invoice& invoice : invoices) {
    const auto overdue = (today - invoice.due).count();
    values.invoices.push_back(InvoiceLine{invoice.id, invoice.issued, invoice.due, invoice.amount,
                                          invoice.open_amount, overdue > 0 ? overdue : 0});
  }
  return values;
}

LanguagePreference LanguagesFor(const Customer& customer) {
  LanguagePreference preference{customer.language, ""};
  const std::string& country = customer.address.country;
  if (customer.language == "de" && (country == "BE" || country == "LU")) preference.second = "fr";
  return preference;
}

}  // namespace duly::channels
