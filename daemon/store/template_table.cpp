#include "daemon/store/template_table.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

using nlohmann::json;

constexpr const char* kSelectVersions =
    "SELECT template, language, version, parts, saved_at, actor FROM template_versions t WHERE ";
// The latest version of every (template, language) (primary key).
constexpr const char* kLatestWhere =
    "version = (SELECT MAX(version) FROM template_versions l WHERE l.template = t.template"
    " AND l.language = t.language) ORDER BY template, language";
// One (template, language), oldest first (primary key).
constexpr const char* kVersionsWhere = "template = :id AND language = :language ORDER BY version";
constexpr const char* kLockRevision = "SELECT revision FROM template_revision WHERE id = 1";
constexpr const char* kBumpRevision =
    "UPDATE template_revision SET revision = revision + 1 WHERE id = 1";
constexpr const char* kInsertVersion =
    "INSERT INTO template_versions (template, language, version, parts, saved_at, actor)"
    " VALUES (:template, :language, :version, :parts, :saved_at, :actor)";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::vector<StoredTemplate> TemplateTable::Select(const std::string& where, const std::string& id,
                                                  const std::string& language) {
  std::vector<StoredTemplate> found;
  StoredTemplate row;
  long long version = 0;
  long long saved_at = 0;
  std::string parts;
  soci::statement select(session_);
  select.exchange(soci::into(row.id));
  select.exchange(soci::into(row.language));
  select.exchange(soci::into(version));
  select.exchange(soci::into(parts));
  select.exchange(soci::into(saved_at));
  select.exchange(soci::into(row.actor));
  if (!id.empty()) {
    select.exchange(soci::use(id, "id"));
    select.exchange(soci::use(language, "language"));
  }
  select.alloc();
  select.prepare(kSelectVersions + where);
  select.define_and_bind();
  select.execute();
  while (select.fetch()) {
    StoredTemplate item = row;
    item.version = version;
    item.saved_at = FromEpochMillis(saved_at);
    const json parsed = json::parse(parts);
    for (const auto& [name, source] : parsed.items()) {
      item.parts[name] = source.get<std::string>();
    }
    found.push_back(std::move(item));
  }
  return found;
}

std::vector<StoredTemplate> TemplateTable::Latest() { return Select(kLatestWhere, "", ""); }

std::optional<StoredTemplate> TemplateTable::Find(const std::string& id,
                                                  const std::string& language) {
  auto versions = Versions(id, language);
  if (versions.empty()) return std::nullopt;
  return versions.back();
}

std::vector<StoredTemplate> TemplateTable::Versions(const std::string& id,
                                                    const std::string& language) {
  return Select(kVersionsWhere, id, language);
}

Result<StoredTemplate> TemplateTable::Save(const StoredTemplate& saved, HistoryChain& chain) {
  if (saved.id.empty()) return FieldInvalid("/id", "must name the template");
  if (saved.language.empty()) return FieldInvalid("/language", "must name the language");
  if (saved.parts.empty()) return FieldInvalid("/parts", "must hold at least one part");
  long long revision = 0;
  session_ << std::string(kLockRevision) +
                  (kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE" : ""),
      soci::into(revision);
  const std::optional<StoredTemplate> latest = Find(saved.id, saved.language);
  if (latest && latest->parts == saved.parts) return *latest;
  StoredTemplate stored = saved;
  stored.version = latest ? latest->version + 1 : 1;
  stored.saved_at = chain.at();
  stored.actor = chain.actor();
  json parts = json::object();
  for (const auto& [name, source] : stored.parts) parts[name] = source;
  const std::string parts_text = Dump(parts);
  long long version = stored.version;
  long long saved_at = ToEpochMillis(stored.saved_at);
  session_ << kInsertVersion, soci::use(stored.id, "template"),
      soci::use(stored.language, "language"), soci::use(version, "version"),
      soci::use(parts_text, "parts"), soci::use(saved_at, "saved_at"),
      soci::use(stored.actor, "actor");
  session_ << kBumpRevision;
  chain.Append(
      "template.saved", "", "",
      Dump(json{
          {"template", stored.id}, {"language", stored.language}, {"version", stored.version}}));
  return stored;
}

std::int64_t TemplateTable::Revision() {
  long long revision = 0;
  session_ << kLockRevision, soci::into(revision);
  return revision;
}

}  // namespace duly::daemon
