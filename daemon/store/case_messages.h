// duly::daemon::CaseMessages: the messages a case sends, queued as outbox rows in the caller's
// transaction (the dispatcher delivers them like any other row; docs/channels.md).
//
// Promise: ToColleague() queues one colleague row (recipient kind colleague, the colleague's
// notify channel, the given language, reason "case:<what>", case_id = the case id, one item per
// invoice of the case naming `template_id`) due now; ToCustomer() queues one customer row on the
// customer's first preferred channel among email, sms, whatsapp and letter (else e-mail when it
// has an address, else a letter) in the customer's language, with case_id set so the composer
// finds the case. Both return the row id. Throws soci_error. Thread-safety: one per transaction.
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "workflows/cases/case_record.h"
#include "workflows/colleague.h"
#include "workflows/customer.h"

namespace duly::daemon {

class CaseMessages {
 public:
  CaseMessages(soci::session& session, Instant now, std::string time_zone)
      : session_(session), now_(now), time_zone_(std::move(time_zone)) {}

  std::int64_t ToColleague(const ComplaintCase& subject, const Colleague& colleague,
                           const std::string& template_id, const std::string& what,
                           const std::string& language);
  std::int64_t ToCustomer(const ComplaintCase& subject, const Customer& customer,
                          const std::string& template_id);

 private:
  std::int64_t Insert(const ComplaintCase& subject, const std::string& recipient_kind,
                      const std::string& recipient, const std::string& channel,
                      const std::string& language, const std::string& template_id,
                      const std::string& reason);

  soci::session& session_;
  Instant now_;
  std::string time_zone_;
};

}  // namespace duly::daemon
