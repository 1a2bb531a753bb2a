#include "daemon/store/case_messages.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

constexpr const char* kInsertMessage =
    "INSERT INTO outbox_messages (recipient_kind, recipient, customer, channel, language,"
    " template, reason, case_id, local_day, state, due_at, lease_owner, lease_until, attempt,"
    " provider_id, last_error, items, fallbacks, needs_reconcile, delivery_error, created_at)"
    " VALUES (:recipient_kind, :recipient, :customer, :channel, :language, :template, :reason,"
    " :case_id, :local_day, 'pending', :due_at, '', 0, 0, '', '', :items, '[]', 0, '',"
    " :created_at) RETURNING id";

std::string CustomerChannel(const Customer& customer) {
  for (const std::string& channel : customer.preferred_channels) {
    if (channel == "email" && !customer.email.empty()) return channel;
    if ((channel == "sms" || channel == "whatsapp") && !customer.phone.empty()) return channel;
    if (channel == "letter") return channel;
  }
  return customer.email.empty() ? "letter" : "email";
}

}  // namespace

std::int64_t CaseMessages::ToColleague(const ComplaintCase& subject, const Colleague& colleague,
                                       const std::string& template_id, const std::string& what,
                                       const std::string& language) {
  return Insert(subject, "colleague", colleague.id, colleague.notify, language, template_id,
                "case:" + what);
}

std::int64_t CaseMessages::ToCustomer(const ComplaintCase& subject, const Customer& customer,
                                      const std::string& template_id) {
  return Insert(subject, "customer", customer.id, CustomerChannel(customer), customer.language,
                template_id, "case:explained");
}

std::int64_t CaseMessages::Insert(const ComplaintCase& subject, const std::string& recipient_kind,
                                  const std::string& recipient, const std::string& channel,
                                  const std::string& language, const std::string& template_id,
                                  const std::string& reason) {
  nlohmann::json items = nlohmann::json::array();
  for (const std::string& invoice : subject.invoices) {
    items.push_back({{"invoice", invoice}, {"step", ""}, {"template", template_id}});
  }
  const std::string items_text = items.dump();
  const std::string case_id = std::to_string(subject.id);
  const std::string day = FormatCalendarDate(LocalDay(now_, time_zone_));
  long long at = ToEpochMillis(now_);
  long long id = 0;
  session_ << kInsertMessage, soci::use(recipient_kind, "recipient_kind"),
      soci::use(recipient, "recipient"), soci::use(subject.customer, "customer"),
      soci::use(channel, "channel"), soci::use(language, "language"),
      soci::use(template_id, "template"), soci::use(reason, "reason"),
      soci::use(case_id, "case_id"), soci::use(day, "local_day"), soci::use(at, "due_at"),
      soci::use(items_text, "items"), soci::use(at, "created_at"), soci::into(id);
  return id;
}

}  // namespace duly::daemon
