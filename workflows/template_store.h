// duly::TemplateStore: the message templates managers edit, kept as versions.
//
// Promise: a template is keyed by (id, language); SaveTemplate stores version n+1 of it with its
// parts as given ("email.subject" -> mustache source; part names as channels::TemplatePartName)
// and records "template.saved" (id, language, version; not the sources), unless the parts equal
// the latest version's, in which case nothing is written and the latest version is returned.
// The store does not validate mustache: the caller (channels/templates TemplateSet) does that
// before saving. TemplateRevision grows on every save so a cached TemplateSet can tell it is
// stale. Stored templates overlay the defaults duly ships (same id and language wins).
// Thread-safety: safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

struct StoredTemplate {
  std::string id;                            // "reminder-friendly"
  std::string language;                      // "nl", "fr", "en", "de"
  std::map<std::string, std::string> parts;  // part name -> mustache source
  std::int64_t version = 0;                  // filled by SaveTemplate
  Instant saved_at{};                        // filled by SaveTemplate
  std::string actor;                         // filled by SaveTemplate
  friend bool operator==(const StoredTemplate&, const StoredTemplate&) = default;
};

class TemplateStore {
 public:
  virtual ~TemplateStore() = default;
  // The latest version of every stored (id, language), sorted by id then language.
  virtual Result<std::vector<StoredTemplate>> ListTemplates() = 0;
  // The latest version; kNotFound naming id and language when none is stored.
  virtual Result<StoredTemplate> GetTemplate(const std::string& id,
                                             const std::string& language) = 0;
  // Every version of (id, language), oldest first (empty when none).
  virtual Result<std::vector<StoredTemplate>> TemplateVersions(const std::string& id,
                                                               const std::string& language) = 0;
  virtual Result<StoredTemplate> SaveTemplate(const StoredTemplate& saved, const Actor& actor) = 0;
  virtual Result<std::int64_t> TemplateRevision() = 0;
};

}  // namespace duly
