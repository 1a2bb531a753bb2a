// GET /v1/customers/{id}/messages: the messages queued for a customer and what became of each
// (outbox state, delivery status from the provider, last error), newest first.
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

nlohmann::json MessageJson(const OutboxRecord& record) {
  const OutboxMessage& message = record.message;
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json invoices = nlohmann::json::array();
  for (const OutboxItem& item : message.items) {
    items.push_back(
        {{"invoice", item.invoice}, {"step", item.step}, {"template", item.template_id}});
    invoices.push_back(item.invoice);
  }
  nlohmann::json json = {{"id", message.id},
                         {"recipient_kind", RecipientKindName(message.recipient_kind)},
                         {"recipient", message.recipient},
                         {"channel", message.channel},
                         {"template", message.template_id},
                         {"language", message.language},
                         {"invoices", std::move(invoices)},
                         {"items", std::move(items)},
                         {"state", record.state},
                         {"provider_id", message.provider_id},
                         {"attempt", message.attempt},
                         {"last_error", record.last_error},
                         {"local_day", FormatCalendarDate(message.local_day)},
                         {"due_at", FormatInstantUtc(message.due_at)}};
  // Present once the message was sent (sent_at) and the provider reported on it (delivery).
  if (record.delivery) json["delivery"] = MessageDeliveryName(*record.delivery);
  if (record.sent_at) json["sent_at"] = FormatInstantUtc(*record.sent_at);
  return json;
}

}  // namespace

void AddMessageRoutes(Router& router, const SharedApiContext& context) {
  // Like the history: for people working the customer's file.
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague};
  router.Add("GET", "/v1/customers/{id}/messages", readers, [context](const RouteContext& route) {
    if (context->outbox == nullptr) {
      return ErrorResponse(Unavailable("the outbox is not wired into the API"));
    }
    Result<PageRequest> page = PageFromQuery(route.request);
    if (!page) return ErrorResponse(page.error());
    if (!page->after.empty()) {
      return ErrorResponse(FieldInvalid("after", "the newest ?limit= messages come in one page"));
    }
    const std::string& id = route.params.at("id");
    if (Result<Customer> customer = context->store.GetCustomer(id); !customer) {
      return ErrorResponse(customer.error());
    }
    Result<std::vector<OutboxRecord>> messages =
        context->outbox->ListCustomerMessages(id, page->limit);
    if (!messages) return ErrorResponse(messages.error());
    nlohmann::json items = nlohmann::json::array();
    for (const OutboxRecord& record : *messages) items.push_back(MessageJson(record));
    return JsonBody({{"items", std::move(items)}});
  });
}

}  // namespace duly::daemon
