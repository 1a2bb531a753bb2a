#include "daemon/store/catalog_table.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

using nlohmann::ordered_json;

#define DULY_VERSION_COLUMNS \
  "SELECT workflow, version, segment, definition, created_at, actor FROM workflow_versions "
// Every version of one workflow, oldest first.
constexpr const char* kSelectVersions =
    DULY_VERSION_COLUMNS "WHERE workflow = :workflow ORDER BY version";
// One version of one workflow.
constexpr const char* kSelectVersion =
    DULY_VERSION_COLUMNS "WHERE workflow = :workflow AND version = :version";
// The latest version of one workflow.
constexpr const char* kSelectLatestVersion =
    DULY_VERSION_COLUMNS "WHERE workflow = :workflow ORDER BY version DESC LIMIT 1";
// The latest version of every workflow, by id.
constexpr const char* kSelectLatest = DULY_VERSION_COLUMNS
    "w WHERE version = (SELECT MAX(version) FROM workflow_versions v"
    " WHERE v.workflow = w.workflow) ORDER BY workflow";
#undef DULY_VERSION_COLUMNS
// Add a version.
constexpr const char* kInsertVersion =
    "INSERT INTO workflow_versions (workflow, version, segment, definition, created_at, actor)"
    " VALUES (:workflow, :version, :segment, :definition, :created_at, :actor)";
// The latest segments document.
constexpr const char* kSelectLatestSegments =
    "SELECT version, definition, created_at, actor FROM segment_versions"
    " ORDER BY version DESC LIMIT 1";
// Add a segments document.
constexpr const char* kInsertSegments =
    "INSERT INTO segment_versions (version, definition, created_at, actor)"
    " VALUES (:version, :definition, :created_at, :actor)";
// The catalog revision.
constexpr const char* kSelectRevision = "SELECT revision FROM catalog_revision WHERE id = 1";
// Every save grows it.
constexpr const char* kBumpRevision =
    "UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1";

std::string Dump(const ordered_json& value) {
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

struct VersionRow {
  WorkflowVersion version;
  long long number = 0;
  long long created_at = 0;

  void BindRead(soci::statement& st) {
    st.exchange(soci::into(version.id));
    st.exchange(soci::into(number));
    st.exchange(soci::into(version.segment));
    st.exchange(soci::into(version.definition));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(version.actor));
  }
  WorkflowVersion To() {
    version.version = number;
    version.created_at = FromEpochMillis(created_at);
    return version;
  }
};

std::vector<WorkflowVersion> SelectVersions(soci::session& session, const char* sql,
                                            const std::string* workflow, long long* version) {
  VersionRow row;
  soci::statement select(session);
  row.BindRead(select);
  if (workflow != nullptr) select.exchange(soci::use(*workflow, "workflow"));
  if (version != nullptr) select.exchange(soci::use(*version, "version"));
  select.alloc();
  select.prepare(sql);
  select.define_and_bind();
  select.execute();
  std::vector<WorkflowVersion> versions;
  while (select.fetch()) versions.push_back(row.To());
  return versions;
}

// Parses a stored or given document as a JSON object; nullopt otherwise.
std::optional<ordered_json> ParseObject(const std::string& text) {
  ordered_json document = ordered_json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::nullopt;
  return document;
}

}  // namespace

Result<WorkflowVersion> CatalogTable::SaveWorkflow(const Workflow& workflow,
                                                   const std::string& definition,
                                                   HistoryChain& chain) {
  if (workflow.id.empty()) return FieldInvalid("/id", "a workflow needs an id");
  auto document = ParseObject(definition);
  if (!document) return FieldInvalid("", "the definition must be a JSON object");
  auto latest = Find(workflow.id, 0);
  if (latest) {
    (*document)["version"] = latest->version;
    auto stored = ParseObject(latest->definition);
    if (stored && *stored == *document) return *latest;
  }
  WorkflowVersion saved;
  saved.id = workflow.id;
  saved.version = latest ? latest->version + 1 : 1;
  saved.segment = workflow.segment;
  (*document)["version"] = saved.version;
  saved.definition = Dump(*document);
  saved.created_at = chain.at();
  saved.actor = chain.actor();
  long long version = saved.version;
  long long created_at = ToEpochMillis(saved.created_at);
  session_ << kInsertVersion, soci::use(saved.id, "workflow"), soci::use(version, "version"),
      soci::use(saved.segment, "segment"), soci::use(saved.definition, "definition"),
      soci::use(created_at, "created_at"), soci::use(saved.actor, "actor");
  session_ << kBumpRevision;
  chain.Append(
      "workflow.saved", "", "",
      Dump(ordered_json{
          {"workflow", saved.id}, {"version", saved.version}, {"segment", saved.segment}}));
  return saved;
}

std::vector<WorkflowVersion> CatalogTable::Latest() {
  return SelectVersions(session_, kSelectLatest, nullptr, nullptr);
}

std::vector<WorkflowVersion> CatalogTable::Versions(const std::string& id) {
  return SelectVersions(session_, kSelectVersions, &id, nullptr);
}

std::optional<WorkflowVersion> CatalogTable::Find(const std::string& id, std::int64_t version) {
  long long wanted = version;
  auto found = version == 0 ? SelectVersions(session_, kSelectLatestVersion, &id, nullptr)
                            : SelectVersions(session_, kSelectVersion, &id, &wanted);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Result<SegmentsVersion> CatalogTable::SaveSegments(const std::string& definition,
                                                   HistoryChain& chain) {
  auto document = ParseObject(definition);
  if (!document || !document->contains("segments") || !(*document)["segments"].is_array()) {
    return FieldInvalid("/segments", "the definition must be an object with a segments array");
  }
  SegmentsVersion latest = LatestSegments();
  if (latest.version > 0) {
    auto stored = ParseObject(latest.definition);
    if (stored && *stored == *document) return latest;
  }
  SegmentsVersion saved;
  saved.version = latest.version + 1;
  saved.definition = Dump(*document);
  saved.created_at = chain.at();
  saved.actor = chain.actor();
  long long version = saved.version;
  long long created_at = ToEpochMillis(saved.created_at);
  session_ << kInsertSegments, soci::use(version, "version"),
      soci::use(saved.definition, "definition"), soci::use(created_at, "created_at"),
      soci::use(saved.actor, "actor");
  session_ << kBumpRevision;
  chain.Append(
      "segments.saved", "", "",
      Dump(ordered_json{{"version", saved.version}, {"segments", (*document)["segments"].size()}}));
  return saved;
}

SegmentsVersion CatalogTable::LatestSegments() {
  SegmentsVersion latest;
  latest.definition = "{\"segments\":[]}";
  long long version = 0;
  long long created_at = 0;
  std::string definition;
  std::string actor;
  session_ << kSelectLatestSegments, soci::into(version), soci::into(definition),
      soci::into(created_at), soci::into(actor);
  if (!session_.got_data()) return latest;
  latest.version = version;
  latest.definition = definition;
  latest.created_at = FromEpochMillis(created_at);
  latest.actor = actor;
  return latest;
}

std::int64_t CatalogTable::Revision() {
  long long revision = 0;
  session_ << kSelectRevision, soci::into(revision);
  return revision;
}

}  // namespace duly::daemon
