// duly::channels::TemplateLibrary: the message templates in force, the defaults duly ships
// overlaid by the versions managers saved (workflows/template_store.h).
//
// Promise: Current() answers a TemplateSet holding every default template and partial, with
// each stored (id, language) in place of the default of the same key. The set is built once and
// rebuilt only when TemplateStore::TemplateRevision() changes, so composing a message costs one
// cheap revision read. A stored template that no longer validates (a partial it used was
// renamed in a later build) is left out, the default serves in its place, and Rejected() names
// it. Check() validates a template as TemplateSet::Add would in the set in force, without
// keeping it, each part on its own: kInvalidArgument with one field "/parts/<part>" per failing
// part, its message naming the variable or partial at fault.
// Errors: store errors pass through unchanged (transient for the dispatcher); defaults that fail
// to load are kInternal (a build defect).
// Thread-safety: all methods may be called concurrently; a returned set is immutable and stays
// valid after later rebuilds. The TemplateStore must outlive the library.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "channels/templates/template_set.h"
#include "workflows/status.h"
#include "workflows/template_store.h"

namespace duly::channels {

// A stored template as a TemplateSet takes it; kInvalidArgument ("/parts/<name>") for a part name
// TemplatePartName does not know.
Result<MessageTemplate> ToMessageTemplate(const StoredTemplate& stored);

class TemplateLibrary {
 public:
  explicit TemplateLibrary(TemplateStore& stored);

  Result<std::shared_ptr<const TemplateSet>> Current();
  // The defaults alone, as shipped.
  Result<std::shared_ptr<const TemplateSet>> Defaults();
  Status Check(const MessageTemplate& candidate);
  // Stored templates left out of the last build, each with why.
  std::vector<Error> Rejected();

 private:
  Status LoadDefaultsLocked();

  TemplateStore& stored_;
  std::mutex mutex_;  // guards everything below
  std::shared_ptr<const TemplateSet> defaults_;
  std::shared_ptr<const TemplateSet> current_;
  std::optional<std::int64_t> revision_;  // TemplateRevision current_ was built at
  std::vector<Error> rejected_;
};

}  // namespace duly::channels
