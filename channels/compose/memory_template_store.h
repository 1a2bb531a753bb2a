// duly::channels::MemoryTemplateStore: a TemplateStore held in memory, for tests, `duly
// simulate` and a daemon without a database-backed one.
//
// Promise: follows the TemplateStore contract (workflows/template_store.h) exactly: SaveTemplate
// stores version n+1 with saved_at from the clock and the actor's name, or returns the latest
// version untouched when its parts are equal; TemplateRevision grows by one on every version
// written. It records no history events (it has no history); nothing survives the process.
// Thread-safety: safe to call from many threads at once. The clock must outlive the store.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "workflows/clock.h"
#include "workflows/template_store.h"

namespace duly::channels {

class MemoryTemplateStore final : public TemplateStore {
 public:
  explicit MemoryTemplateStore(const Clock& clock) : clock_(clock) {}

  Result<std::vector<StoredTemplate>> ListTemplates() override;
  Result<StoredTemplate> GetTemplate(const std::string& id, const std::string& language) override;
  Result<std::vector<StoredTemplate>> TemplateVersions(const std::string& id,
                                                       const std::string& language) override;
  Result<StoredTemplate> SaveTemplate(const StoredTemplate& saved, const Actor& actor) override;
  Result<std::int64_t> TemplateRevision() override;

 private:
  const Clock& clock_;
  std::mutex mutex_;  // guards versions_ and revision_
  // (id, language) -> every version, oldest first.
  std::map<std::pair<std::string, std::string>, std::vector<StoredTemplate>> versions_;
  std::int64_t revision_ = 0;
};

}  // namespace duly::channels
