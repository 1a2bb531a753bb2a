#include "channels/compose/template_library.h"

#include <utility>

#include "channels/templates/default_templates.h"

namespace duly::channels {

Result<MessageTemplate> ToMessageTemplate(const StoredTemplate& stored) {
  MessageTemplate message_template{stored.id, stored.language, {}};
  for (const auto& [name, source] : stored.parts) {
    std::optional<TemplatePart> part = ParseTemplatePart(name);
    if (!part) {
      return InvalidArgument(
          "template " + stored.id + " (" + stored.language + ") has an unknown part " + name,
          {{"/parts/" + name, "not a template part"}});
    }
    message_template.parts[*part] = source;
  }
  return message_template;
}

TemplateLibrary::TemplateLibrary(TemplateStore& stored) : stored_(stored) {}

Status TemplateLibrary::LoadDefaultsLocked() {
  if (defaults_) return {};
  Result<TemplateSet> defaults = LoadDefaultTemplates();
  if (!defaults) {
    return InternalError("the default templates do not load: " + defaults.error().message);
  }
  defaults_ = std::make_shared<const TemplateSet>(std::move(*defaults));
  return {};
}

Result<std::shared_ptr<const TemplateSet>> TemplateLibrary::Defaults() {
  std::lock_guard lock(mutex_);
  if (Status loaded = LoadDefaultsLocked(); !loaded) return loaded.error();
  return defaults_;
}

Result<std::shared_ptr<const TemplateSet>> TemplateLibrary::Current() {
  Result<std::int64_t> revision = stored_.TemplateRevision();
  if (!revision) return revision.error();
  std::lock_guard lock(mutex_);
  if (current_ && revision_ == *revision) return current_;
  if (Status loaded = LoadDefaultsLocked(); !loaded) return loaded.error();
  Result<std::vector<StoredTemplate>> stored = stored_.ListTemplates();
  if (!stored) return stored.error();
  TemplateSet set = *defaults_;
  std::vector<Error> rejected;
  for (const StoredTemplate& one : *stored) {
    Result<MessageTemplate> message_template = ToMessageTemplate(one);
    Status added =
        message_template ? set.Add(std::move(*message_template)) : Status(message_template.error());
    if (!added) rejected.push_back(added.error());
  }
  current_ = std::make_shared<const TemplateSet>(std::move(set));
  revision_ = *revision;
  rejected_ = std::move(rejected);
  return current_;
}

Status TemplateLibrary::Check(const MessageTemplate& candidate) {
  Result<std::shared_ptr<const TemplateSet>> current = Current();
  if (!current) return current.error();
  if (candidate.parts.empty()) {
    TemplateSet scratch = **current;
    return scratch.Add(candidate);
  }
  // Each part on its own, so one answer names every part that fails.
  std::vector<FieldError> fields;
  std::string first;
  for (const auto& [part, source] : candidate.parts) {
    TemplateSet scratch = **current;
    Status added = scratch.Add(MessageTemplate{candidate.id, candidate.language, {{part, source}}});
    if (added) continue;
    if (added.error().code != ErrorCode::kInvalidArgument || added.error().fields.empty()) {
      return added;
    }
    if (first.empty()) first = added.error().message;
    for (const FieldError& field : added.error().fields) fields.push_back(field);
  }
  if (fields.empty()) return {};
  if (fields.size() > 1) {
    first += " (and " + std::to_string(fields.size() - 1) + " more)";
  }
  return InvalidArgument(std::move(first), std::move(fields));
}

std::vector<Error> TemplateLibrary::Rejected() {
  std::lock_guard lock(mutex_);
  return rejected_;
}

}  // namespace duly::channels
