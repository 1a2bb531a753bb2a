// SociChannelStore's Store, TaskStore and TemplateStore methods (soci_channel_store.h).
#include <nlohmann/json.hpp>

#include "daemon/store/customer_phones.h"
#include "daemon/store/opt_out_table.h"
#include "daemon/store/soci_channel_store.h"
#include "daemon/store/task_table.h"
#include "daemon/store/template_table.h"

namespace duly::daemon {

Status SociChannelStore::RecordOptIn(const std::string& customer, const std::string& channel,
                                     const Actor& actor) {
  if (!IsOptOutChannel(channel)) {
    return FieldInvalid("/channel",
                        "must be email, sms, whatsapp, letter or voice, not \"" + channel + "\"");
  }
  return Done(Write<bool>("recording an opt-in of customer " + customer, actor,
                          [&](soci::session& s, HistoryChain& chain) -> Result<bool> {
                            return OptOutTable(s).Remove(customer, channel, chain);
                          }));
}

Result<std::vector<std::string>> SociChannelStore::FindCustomersByPhone(const std::string& phone) {
  return Read<std::vector<std::string>>("finding customers by phone", [&](soci::session& s) {
    return Result<std::vector<std::string>>(daemon::FindCustomersByPhone(s, phone));
  });
}

Result<std::set<std::string>> SociChannelStore::OptedOutChannels(const std::string& customer) {
  return Read<std::set<std::string>>(
      "reading the opt-outs of customer " + customer,
      [&](soci::session& s) -> Result<std::set<std::string>> {
        int known = 0;
        s << "SELECT COUNT(*) FROM customers WHERE id = :id", soci::use(customer),
            soci::into(known);
        if (known == 0) return NotFound("no customer " + customer);
        std::set<std::string> channels;
        soci::rowset<std::string> rows =
            (s.prepare << "SELECT channel FROM channel_opt_outs WHERE customer = :customer",
             soci::use(customer));
        for (const std::string& channel : rows) channels.insert(channel);
        return channels;
      });
}

Result<std::vector<CollectorTask>> SociChannelStore::ListOpenTasks(Instant now, int limit) {
  if (limit < 1 || limit > 1000) return FieldInvalid("/limit", "must be from 1 to 1000");
  return Read<std::vector<CollectorTask>>("listing open tasks", [&](soci::session& s) {
    return Result<std::vector<CollectorTask>>(TaskTable(s, kind()).ListOpen(now, limit));
  });
}

Result<CollectorTask> SociChannelStore::GetTask(std::int64_t id) {
  return Read<CollectorTask>("reading task " + std::to_string(id),
                             [&](soci::session& s) -> Result<CollectorTask> {
                               if (auto task = TaskTable(s, kind()).Find(id, clock_.Now())) {
                                 return *task;
                               }
                               return NotFound("task " + std::to_string(id) + " does not exist");
                             });
}

Result<CollectorTask> SociChannelStore::CreateTask(const NewTask& task, const Actor& actor) {
  return Write<CollectorTask>("creating a task for customer " + task.customer, actor,
                              [&](soci::session& s, HistoryChain& chain) {
                                return TaskTable(s, kind()).Create(task, chain);
                              });
}

Result<CollectorTask> SociChannelStore::ClaimTask(std::int64_t id, const std::string& colleague,
                                                  const Actor& actor) {
  return Write<CollectorTask>("claiming task " + std::to_string(id), actor,
                              [&](soci::session& s, HistoryChain& chain) {
                                return TaskTable(s, kind()).Claim(id, colleague, chain);
                              });
}

Result<CollectorTask> SociChannelStore::CompleteTask(std::int64_t id,
                                                     const TaskCompletion& completion,
                                                     const Actor& actor) {
  return Write<CollectorTask>("completing task " + std::to_string(id), actor,
                              [&](soci::session& s, HistoryChain& chain) {
                                return TaskTable(s, kind()).Complete(id, completion, chain);
                              });
}

Result<std::vector<CollectorTask>> SociChannelStore::RecordReply(const std::string& from,
                                                                 const std::string& channel,
                                                                 const std::string& text,
                                                                 const std::string& provider_id,
                                                                 const Actor& actor) {
  if (channel != "sms" && channel != "whatsapp") {
    return FieldInvalid("/channel", "must be sms or whatsapp, not \"" + channel + "\"");
  }
  return Write<std::vector<CollectorTask>>(
      "recording a reply from " + from, actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<std::vector<CollectorTask>> {
        const std::vector<std::string> customers = daemon::FindCustomersByPhone(s, from);
        if (customers.empty()) return NotFound("no customer has the phone " + from);
        std::vector<CollectorTask> tasks;
        TaskTable table(s, kind());
        for (const std::string& customer : customers) {
          chain.Append("customer.replied", customer, "",
                       nlohmann::json{{"channel", channel},
                                      {"from", from},
                                      {"text", text},
                                      {"provider_id", provider_id}}
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
          NewTask task;
          task.kind = TaskKind::kReply;
          task.customer = customer;
          task.detail = text;
          auto created = table.Create(task, chain);
          if (!created) return std::move(created).error();
          tasks.push_back(std::move(*created));
        }
        return tasks;
      });
}

Result<std::vector<StoredTemplate>> SociChannelStore::ListTemplates() {
  return Read<std::vector<StoredTemplate>>("listing templates", [&](soci::session& s) {
    return Result<std::vector<StoredTemplate>>(TemplateTable(s, kind()).Latest());
  });
}

Result<StoredTemplate> SociChannelStore::GetTemplate(const std::string& id,
                                                     const std::string& language) {
  return Read<StoredTemplate>(
      "reading template " + id + " (" + language + ")",
      [&](soci::session& s) -> Result<StoredTemplate> {
        if (auto found = TemplateTable(s, kind()).Find(id, language)) {
          return *found;
        }
        return NotFound("template " + id + " has no stored version in " + language);
      });
}

Result<std::vector<StoredTemplate>> SociChannelStore::TemplateVersions(
    const std::string& id, const std::string& language) {
  return Read<std::vector<StoredTemplate>>(
      "reading versions of template " + id, [&](soci::session& s) {
        return Result<std::vector<StoredTemplate>>(TemplateTable(s, kind()).Versions(id, language));
      });
}

Result<StoredTemplate> SociChannelStore::SaveTemplate(const StoredTemplate& saved,
                                                      const Actor& actor) {
  return Write<StoredTemplate>("saving template " + saved.id, actor,
                               [&](soci::session& s, HistoryChain& chain) {
                                 return TemplateTable(s, kind()).Save(saved, chain);
                               });
}

Result<std::int64_t> SociChannelStore::TemplateRevision() {
  return Read<std::int64_t>("reading the template revision", [&](soci::session& s) {
    return Result<std::int64_t>(TemplateTable(s, kind()).Revision());
  });
}

}  // namespace duly::daemon
