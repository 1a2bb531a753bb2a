// duly::daemon::TemplateTable: stored message template versions (template_versions) and their
// revision counter (template_revision).
//
// Promise: Save() first locks the revision row (PostgreSQL FOR UPDATE; SQLite writers are
// serialised already), then stores version n+1 of (id, language) with the parts as given, grows
// the revision and appends "template.saved" {template, language, version}; when the parts equal
// the latest version's it writes nothing and returns that version. kInvalidArgument for an empty
// "/id", "/language" or "/parts". Reads: the latest version of each (id, language) sorted by id
// then language, one latest version (nullopt when none), every version oldest first. Runs inside
// the caller's transaction; throws soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/template_store.h"

namespace duly::daemon {

class TemplateTable {
 public:
  TemplateTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  std::vector<StoredTemplate> Latest();
  std::optional<StoredTemplate> Find(const std::string& id, const std::string& language);
  std::vector<StoredTemplate> Versions(const std::string& id, const std::string& language);
  Result<StoredTemplate> Save(const StoredTemplate& saved, HistoryChain& chain);
  std::int64_t Revision();

 private:
  // Rows selected by `where`, with :id and :language bound unless `id` is empty.
  std::vector<StoredTemplate> Select(const std::string& where, const std::string& id,
                                     const std::string& language);

  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
