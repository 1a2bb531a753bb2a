// duly::daemon::SociChannelStore: the part of SociStore the channels need (internal to the store
// room): the OutboxStore (outbox_lease.h, outbox_settler.h, outbox_table.h), the TaskStore
// (task_table.h), the TemplateStore (template_table.h) and Store::RecordOptIn /
// FindCustomersByPhone. SociStoreImpl (soci_store.cpp) derives from it and adds the rest.
//
// Promise: each method is one read or one transaction (store_transactions.h); the engine's own
// writes (leasing, outbox marks, delivery status) are recorded by actor "engine", and leasing
// takes the history head before any outbox row. kInvalidArgument: LeaseDueMessages for limit < 1
// ("/limit") or an empty owner ("/owner"), SettleMessages for an empty owner; ListCustomerMessages
// and ListOpenTasks for a limit outside 1..1000; RecordReply for a channel other than sms or
// whatsapp ("/channel"); RecordOptIn for a channel one cannot opt out of. Thread-safety: safe to
// call concurrently.
#pragma once

#include <memory>

#include "daemon/store/soci_store.h"
#include "daemon/store/store_transactions.h"

namespace duly::daemon {

class SociChannelStore : public SociStore, protected StoreTransactions {
 public:
  SociChannelStore(std::unique_ptr<Connections> connections, const Clock& clock)
      : StoreTransactions(std::move(connections), clock) {}

  std::shared_ptr<Connections> SharedConnections() const override { return connections_; }
  const Clock& clock() const override { return clock_; }

  // Store (soci_store_channels.cpp)
  Status RecordOptIn(const std::string& customer, const std::string& channel,
                     const Actor& actor) override;
  Result<std::vector<std::string>> FindCustomersByPhone(const std::string& phone) override;
  Result<std::set<std::string>> OptedOutChannels(const std::string& customer) override;

  // OutboxStore (soci_store_outbox.cpp)
  Result<std::vector<OutboxMessage>> LeaseDueMessages(Instant now, int limit,
                                                      const std::string& owner,
                                                      std::chrono::milliseconds lease) override;
  Result<std::optional<Instant>> NextMessageDue() override;
  Status MarkMessageSent(std::int64_t id, const std::string& owner,
                         const std::string& provider_id) override;
  Status MarkMessageFailed(std::int64_t id, const std::string& owner, bool permanent,
                           Instant retry_at, const std::string& error) override;
  Status MarkMessageFallback(std::int64_t id, const std::string& owner, const std::string& channel,
                             const std::string& error) override;
  Status MarkMessageUnknown(std::int64_t id, const std::string& owner, Instant attempted_at,
                            Instant reconcile_at, const std::string& error) override;
  Status MarkMessageCanceled(std::int64_t id, const std::string& owner,
                             const std::string& reason) override;
  Result<std::vector<Status>> SettleMessages(const std::vector<MessageSettlement>& settlements,
                                             const std::string& owner) override;
  Status RecordDeliveryStatus(const std::string& provider_id, MessageDelivery delivery,
                              const std::string& error_code) override;
  Result<std::vector<OutboxRecord>> ListCustomerMessages(const std::string& customer,
                                                         int limit) override;

  // TaskStore (soci_store_channels.cpp)
  Result<std::vector<CollectorTask>> ListOpenTasks(Instant now, int limit) override;
  Result<CollectorTask> GetTask(std::int64_t id) override;
  Result<CollectorTask> CreateTask(const NewTask& task, const Actor& actor) override;
  Result<CollectorTask> ClaimTask(std::int64_t id, const std::string& colleague,
                                  const Actor& actor) override;
  Result<CollectorTask> CompleteTask(std::int64_t id, const TaskCompletion& completion,
                                     const Actor& actor) override;
  Result<std::vector<CollectorTask>> RecordReply(const std::string& from,
                                                 const std::string& channel,
                                                 const std::string& text,
                                                 const std::string& provider_id,
                                                 const Actor& actor) override;

  // TemplateStore (soci_store_channels.cpp)
  Result<std::vector<StoredTemplate>> ListTemplates() override;
  Result<StoredTemplate> GetTemplate(const std::string& id, const std::string& language) override;
  Result<std::vector<StoredTemplate>> TemplateVersions(const std::string& id,
                                                       const std::string& language) override;
  Result<StoredTemplate> SaveTemplate(const StoredTemplate& saved, const Actor& actor) override;
  Result<std::int64_t> TemplateRevision() override;

 private:
  // One settlement in a transaction of its own (the Mark* methods).
  Status SettleMessage(const MessageSettlement& settlement, const std::string& owner,
                       const std::string& context);
};

}  // namespace duly::daemon
