#include "daemon/store/soci_payment_link_store.h"

#include <utility>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

namespace duly::daemon {
namespace {

// A link by its provider id (columns in the order SelectLink binds them).
constexpr const char* kSelectLink =
    "SELECT provider_id, customer, invoices, amount, currency, checkout_url, status, expires_at,"
    " created_at FROM payment_links WHERE provider_id = :key";
// The newest open, unexpired link of a customer for exactly these invoices and amount.
constexpr const char* kSelectReusable =
    "SELECT provider_id, customer, invoices, amount, currency, checkout_url, status, expires_at,"
    " created_at FROM payment_links"
    " WHERE customer = :customer AND invoices = :invoices AND amount = :amount"
    " AND currency = :currency AND status = 'open' AND expires_at > :now"
    " ORDER BY created_at DESC LIMIT 1";
// Store a new link.
constexpr const char* kInsertLink =
    "INSERT INTO payment_links (provider_id, customer, invoices, amount, currency, checkout_url,"
    " status, expires_at, created_at, updated_at) VALUES (:id, :customer, :invoices, :amount,"
    " :currency, :url, :status, :expires, :created, :created)";
// Change a link's status.
constexpr const char* kUpdateStatus =
    "UPDATE payment_links SET status = :status, updated_at = :at WHERE provider_id = :id";

std::string InvoicesJson(const std::vector<std::string>& invoices) {
  return nlohmann::json(invoices).dump();
}

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Runs one of the SELECTs above; `bind` adds its parameters.
template <typename Bind>
std::optional<PaymentLink> SelectLink(soci::session& session, const char* sql, Bind&& bind) {
  std::string id, customer, invoices, currency, url, status;
  long long amount = 0, expires = 0, created = 0;
  soci::statement select(session);
  select.exchange(soci::into(id));
  select.exchange(soci::into(customer));
  select.exchange(soci::into(invoices));
  select.exchange(soci::into(amount));
  select.exchange(soci::into(currency));
  select.exchange(soci::into(url));
  select.exchange(soci::into(status));
  select.exchange(soci::into(expires));
  select.exchange(soci::into(created));
  bind(select);
  select.alloc();
  select.prepare(sql);
  select.define_and_bind();
  select.execute();
  if (!select.fetch()) return std::nullopt;
  PaymentLink link;
  link.provider_id = std::move(id);
  link.customer = std::move(customer);
  const nlohmann::json list = nlohmann::json::parse(invoices, nullptr, false);
  if (list.is_array()) {
    for (const auto& invoice : list) {
      if (invoice.is_string()) link.invoices.push_back(invoice.get<std::string>());
    }
  }
  link.amount = Money::FromCents(amount);
  link.currency = std::move(currency);
  link.checkout_url = std::move(url);
  link.status = std::move(status);
  link.expires_at = FromEpochMillis(expires);
  link.created_at = FromEpochMillis(created);
  return link;
}

std::optional<PaymentLink> FindById(soci::session& session, const std::string& provider_id) {
  return SelectLink(session, kSelectLink, [&](soci::statement& select) {
    select.exchange(soci::use(provider_id, "key"));
  });
}

}  // namespace

Status SociPaymentLinkStore::SaveLink(const PaymentLink& link, const Actor& actor) {
  std::vector<FieldError> errors = Validate(link);
  if (!errors.empty()) {
    // The message first: the order in which arguments are evaluated is unspecified.
    std::string message = "payment link " + link.provider_id + ": " + errors.front().field + " " +
                          errors.front().message;
    return InvalidArgument(std::move(message), std::move(errors));
  }
  return Done(Write<bool>("saving payment link " + link.provider_id, actor,
                          [&](soci::session& s, HistoryChain& chain) -> Result<bool> {
                            if (std::optional<PaymentLink> stored = FindById(s, link.provider_id)) {
                              if (*stored == link) return false;
                              return Conflict("payment link " + link.provider_id +
                                              " is already stored with other content");
                            }
                            const std::string invoices = InvoicesJson(link.invoices);
                            long long amount = link.amount.cents();
                            long long expires = ToEpochMillis(link.expires_at);
                            long long created = ToEpochMillis(link.created_at);
                            s << kInsertLink, soci::use(link.provider_id, "id"),
                                soci::use(link.customer, "customer"),
                                soci::use(invoices, "invoices"), soci::use(amount, "amount"),
                                soci::use(link.currency, "currency"),
                                soci::use(link.checkout_url, "url"),
                                soci::use(link.status, "status"), soci::use(expires, "expires"),
                                soci::use(created, "created");
                            chain.Append("payment_link.created", link.customer, "",
                                         Dump({{"id", link.provider_id},
                                               {"invoices", link.invoices},
                                               {"amount", link.amount.cents()},
                                               {"currency", link.currency},
                                               {"expires_at", FormatInstantUtc(link.expires_at)}}));
                            return true;
                          }));
}

Result<std::optional<PaymentLink>> SociPaymentLinkStore::FindReusableLink(
    const std::string& customer, const std::vector<std::string>& invoices, Money amount,
    const std::string& currency, Instant now) {
  const std::string list = InvoicesJson(invoices);
  long long cents = amount.cents();
  long long at = ToEpochMillis(now);
  return Read<std::optional<PaymentLink>>(
      "finding a payment link of customer " + customer, [&](soci::session& s) {
        return Result<std::optional<PaymentLink>>(
            SelectLink(s, kSelectReusable, [&](soci::statement& select) {
              select.exchange(soci::use(customer, "customer"));
              select.exchange(soci::use(list, "invoices"));
              select.exchange(soci::use(cents, "amount"));
              select.exchange(soci::use(currency, "currency"));
              select.exchange(soci::use(at, "now"));
            }));
      });
}

Result<std::optional<PaymentLink>> SociPaymentLinkStore::FindLink(const std::string& provider_id) {
  return Read<std::optional<PaymentLink>>(
      "reading payment link " + provider_id, [&](soci::session& s) {
        return Result<std::optional<PaymentLink>>(FindById(s, provider_id));
      });
}

Status SociPaymentLinkStore::SetLinkStatus(const std::string& provider_id,
                                           const std::string& status, const Actor& actor) {
  if (!IsPaymentLinkStatus(status)) {
    return FieldInvalid("/status", "\"" + status + "\" is not a Mollie payment status");
  }
  return Done(Write<bool>(
      "setting the status of payment link " + provider_id, actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<bool> {
        std::optional<PaymentLink> stored = FindById(s, provider_id);
        if (!stored) return NotFound("payment link " + provider_id + " does not exist");
        if (stored->status == status) return false;
        long long at = ToEpochMillis(chain.at());
        s << kUpdateStatus, soci::use(status, "status"), soci::use(at, "at"),
            soci::use(provider_id, "id");
        chain.Append("payment_link.status", stored->customer, "",
                     Dump({{"id", provider_id}, {"from", stored->status}, {"to", status}}));
        return true;
      }));
}

}  // namespace duly::daemon
