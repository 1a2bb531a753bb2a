#include "daemon/store/colleague_table.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "daemon/store/record_digest.h"
#include "daemon/store/store_error.h"

namespace duly::daemon {
namespace {

// Every stored colleague's manager and content hash (colleagues are few: hundreds).
constexpr const char* kSelectManagers = "SELECT id, manager, content_hash FROM colleagues";
// Insert a new colleague.
constexpr const char* kInsertColleague =
    "INSERT INTO colleagues (id, name, role, department, manager, email, phone, notify,"
    " chat_webhook, active, content_hash, created_at, updated_at) VALUES (:id, :name, :role,"
    " :department, :manager, :email, :phone, :notify, :chat_webhook, :active, :content_hash,"
    " :created_at, :updated_at)";
// Replace a stored colleague's fields (created_at stays).
constexpr const char* kUpdateColleague =
    "UPDATE colleagues SET name = :name, role = :role, department = :department,"
    " manager = :manager, email = :email, phone = :phone, notify = :notify,"
    " chat_webhook = :chat_webhook, active = :active, content_hash = :content_hash,"
    " updated_at = :updated_at WHERE id = :id";
// One colleague by id.
constexpr const char* kSelectColleague =
    "SELECT id, name, role, department, manager, email, phone, notify, chat_webhook, active"
    " FROM colleagues WHERE id = :id";
// A page of colleagues in id order after a key.
constexpr const char* kSelectColleaguePage =
    "SELECT id, name, role, department, manager, email, phone, notify, chat_webhook, active"
    " FROM colleagues WHERE id > :after ORDER BY id LIMIT :limit";

// Every active colleague in id order.
constexpr const char* kSelectActiveColleagues =
    "SELECT id, name, role, department, manager, email, phone, notify, chat_webhook, active"
    " FROM colleagues WHERE active = 1 ORDER BY id";

// The bound columns of one colleagues row.
struct ColleagueRow {
  Colleague c;
  long long active = 1;
  std::string content_hash;
  long long created_at = 0;
  long long updated_at = 0;

  std::string Digest() const {
    RecordDigest digest;
    digest.Add(c.id).Add(c.name).Add(c.role).Add(c.department).Add(c.manager).Add(c.email);
    return digest.Add(c.phone).Add(c.notify).Add(c.chat_webhook).Add(c.active ? 1 : 0).Finish();
  }

  void BindCommon(soci::statement& st) {
    st.exchange(soci::use(c.id, "id"));
    st.exchange(soci::use(c.name, "name"));
    st.exchange(soci::use(c.role, "role"));
    st.exchange(soci::use(c.department, "department"));
    st.exchange(soci::use(c.manager, "manager"));
    st.exchange(soci::use(c.email, "email"));
    st.exchange(soci::use(c.phone, "phone"));
    st.exchange(soci::use(c.notify, "notify"));
    st.exchange(soci::use(c.chat_webhook, "chat_webhook"));
    st.exchange(soci::use(active, "active"));
    st.exchange(soci::use(content_hash, "content_hash"));
    st.exchange(soci::use(updated_at, "updated_at"));
  }

  void BindRead(soci::statement& st) {
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.role));
    st.exchange(soci::into(c.department));
    st.exchange(soci::into(c.manager));
    st.exchange(soci::into(c.email));
    st.exchange(soci::into(c.phone));
    st.exchange(soci::into(c.notify));
    st.exchange(soci::into(c.chat_webhook));
    st.exchange(soci::into(active));
  }

  Colleague Take() {
    c.active = active != 0;
    return c;
  }
};

void Prepare(soci::statement& st, const char* sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
}

}  // namespace

Result<UpsertSummary> ColleagueTable::Upsert(const std::vector<Colleague>& colleagues,
                                             HistoryChain& chain) {
  std::vector<FieldError> errors;
  std::map<std::string, std::size_t> first_index;
  for (std::size_t i = 0; i < colleagues.size(); ++i) {
    const std::string at = "/" + std::to_string(i);
    for (FieldError& error : Validate(colleagues[i])) {
      errors.push_back({at + error.field, std::move(error.message)});
    }
    if (auto [it, inserted] = first_index.emplace(colleagues[i].id, i); !inserted) {
      errors.push_back({at + "/id", "colleague " + colleagues[i].id + " is also at /" +
                                        std::to_string(it->second) + " of this batch"});
    }
  }
  // The manager graph as it would be after this batch.
  std::map<std::string, std::string> manager_of;
  std::map<std::string, std::string> stored_hash;
  {
    std::string id;
    std::string manager;
    std::string hash;
    soci::statement select = (session_.prepare << kSelectManagers, soci::into(id),
                              soci::into(manager), soci::into(hash));
    select.execute();
    while (select.fetch()) {
      manager_of[id] = manager;
      stored_hash[id] = hash;
    }
  }
  for (const Colleague& colleague : colleagues) manager_of[colleague.id] = colleague.manager;
  for (std::size_t i = 0; i < colleagues.size(); ++i) {
    const Colleague& colleague = colleagues[i];
    if (colleague.manager.empty()) continue;
    const std::string field = "/" + std::to_string(i) + "/manager";
    if (manager_of.count(colleague.manager) == 0) {
      errors.push_back({field, "colleague " + colleague.manager +
                                   " does not exist; add the manager in this batch or first"});
      continue;
    }
    std::set<std::string> seen = {colleague.id};
    std::string next = colleague.manager;
    while (!next.empty()) {
      if (!seen.insert(next).second) {
        errors.push_back({field, "the manager chain from " + colleague.id + " loops back to " +
                                     next + "; someone must be at the top with no manager"});
        break;
      }
      auto it = manager_of.find(next);
      next = it == manager_of.end() ? "" : it->second;
    }
  }
  if (!errors.empty()) {
    return BatchError("colleague", std::move(errors));
  }

  UpsertSummary summary;
  ColleagueRow row;
  row.created_at = ToEpochMillis(chain.at());
  row.updated_at = row.created_at;
  soci::statement insert(session_);
  soci::statement update(session_);
  row.BindCommon(insert);
  insert.exchange(soci::use(row.created_at, "created_at"));
  Prepare(insert, kInsertColleague);
  row.BindCommon(update);
  Prepare(update, kUpdateColleague);
  for (const Colleague& colleague : colleagues) {
    row.c = colleague;
    row.active = colleague.active ? 1 : 0;
    row.content_hash = row.Digest();
    auto stored = stored_hash.find(colleague.id);
    const nlohmann::json payload = {{"name", colleague.name},
                                    {"role", colleague.role},
                                    {"department", colleague.department},
                                    {"manager", colleague.manager},
                                    {"active", colleague.active}};
    const std::string text = payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (stored == stored_hash.end()) {
      insert.execute(true);
      ++summary.created;
      chain.Append("colleague.created", "", "", text);
    } else if (stored->second == row.content_hash) {
      ++summary.unchanged;
    } else {
      update.execute(true);
      ++summary.updated;
      chain.Append("colleague.updated", "", "", text);
    }
  }
  return summary;
}

std::optional<Colleague> ColleagueTable::Find(const std::string& id) {
  ColleagueRow row;
  soci::statement select(session_);
  row.BindRead(select);
  select.exchange(soci::use(id, "id"));
  Prepare(select, kSelectColleague);
  select.execute();
  if (!select.fetch()) return std::nullopt;
  return row.Take();
}

std::vector<Colleague> ColleagueTable::ListActive() {
  ColleagueRow row;
  soci::statement select(session_);
  row.BindRead(select);
  Prepare(select, kSelectActiveColleagues);
  select.execute();
  std::vector<Colleague> found;
  while (select.fetch()) found.push_back(row.Take());
  return found;
}

Page<Colleague> ColleagueTable::List(const std::string& after, int limit) {
  ColleagueRow row;
  long long fetch = limit + 1;
  soci::statement select(session_);
  row.BindRead(select);
  select.exchange(soci::use(after, "after"));
  select.exchange(soci::use(fetch, "limit"));
  Prepare(select, kSelectColleaguePage);
  select.execute();
  Page<Colleague> page;
  while (select.fetch()) page.items.push_back(row.Take());
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_after = page.items.back().id;
  }
  return page;
}

}  // namespace duly::daemon
