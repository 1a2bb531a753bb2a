#include "channels/compose/memory_template_store.h"

namespace duly::channels {

Result<std::vector<StoredTemplate>> MemoryTemplateStore::ListTemplates() {
  std::lock_guard lock(mutex_);
  std::vector<StoredTemplate> latest;
  for (const auto& [key, versions] : versions_) latest.push_back(versions.back());
  return latest;
}

Result<StoredTemplate> MemoryTemplateStore::GetTemplate(const std::string& id,
                                                        const std::string& language) {
  std::lock_guard lock(mutex_);
  auto found = versions_.find({id, language});
  if (found == versions_.end()) {
    return NotFound("template " + id + " (" + language + ") is not stored");
  }
  return found->second.back();
}

Result<std::vector<StoredTemplate>> MemoryTemplateStore::TemplateVersions(
    const std::string& id, const std::string& language) {
  std::lock_guard lock(mutex_);
  auto found = versions_.find({id, language});
  if (found == versions_.end()) return std::vector<StoredTemplate>{};
  return found->second;
}

Result<StoredTemplate> MemoryTemplateStore::SaveTemplate(const StoredTemplate& saved,
                                                         const Actor& actor) {
  if (saved.id.empty() || saved.language.empty()) {
    return InvalidArgument("a template needs an id and a language",
                           {{saved.id.empty() ? "/id" : "/language", "empty"}});
  }
  std::lock_guard lock(mutex_);
  std::vector<StoredTemplate>& versions = versions_[{saved.id, saved.language}];
  if (!versions.empty() && versions.back().parts == saved.parts) return versions.back();
  StoredTemplate version = saved;
  version.version = static_cast<std::int64_t>(versions.size()) + 1;
  version.saved_at = clock_.Now();
  version.actor = actor.name;
  versions.push_back(version);
  ++revision_;
  return version;
}

Result<std::int64_t> MemoryTemplateStore::TemplateRevision() {
  std::lock_guard lock(mutex_);
  return revision_;
}

}  // namespace duly::channels
