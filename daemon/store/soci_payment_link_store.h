// duly::daemon::SociPaymentLinkStore: the PaymentLinkStore over the SociStore's connections
// (table payment_links, migration 0008).
//
// Promise: as workflows/payment_link_store.h. Each method is one read or one write transaction
// (store_transactions.h) sharing the SociStore's SQLite writer and history chain: SaveLink
// records "payment_link.created" {id, invoices, amount, currency, expires_at} and SetLinkStatus
// "payment_link.status" {id, from, to} on the link's customer. Invoices are kept as a JSON array
// so FindReusableLink compares the whole list, in order. Thread-safety: safe from many threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/store_transactions.h"
#include "workflows/payment_link_store.h"

namespace duly::daemon {

class SociPaymentLinkStore final : public PaymentLinkStore, protected StoreTransactions {
 public:
  // Built as SociPaymentLinkStore(store.SharedConnections(), store.clock()).
  SociPaymentLinkStore(std::shared_ptr<Connections> connections, const Clock& clock)
      : StoreTransactions(std::move(connections), clock) {}

  Status SaveLink(const PaymentLink& link, const Actor& actor) override;
  Result<std::optional<PaymentLink>> FindReusableLink(const std::string& customer,
                                                      const std::vector<std::string>& invoices,
                                                      Money amount, const std::string& currency,
                                                      Instant now) override;
  Result<std::optional<PaymentLink>> FindLink(const std::string& provider_id) override;
  Status SetLinkStatus(const std::string& provider_id, const std::string& status,
                       const Actor& actor) override;
};

}  // namespace duly::daemon
