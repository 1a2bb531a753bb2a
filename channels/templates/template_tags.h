// Scanning a mustache source into its tags, so a template's names can be checked before it is
// ever rendered.
//
// Promise: returns every variable, section and partial tag in source order with the names of the
// sections that enclose it (outermost first); comments are skipped. The default "{{ }}" delimiters
// only: a set-delimiter tag is an error, as are an unterminated tag, an empty name, the implicit
// iterator "." and a section closed under another name. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "workflows/status.h"

namespace duly::channels {

struct TemplateTag {
  enum class Kind { kVariable, kSection, kInvertedSection, kPartial };
  Kind kind = Kind::kVariable;
  std::string name;
  bool unescaped = false;              // {{{name}}} or {{& name}}
  std::vector<std::string> enclosing;  // open sections around the tag, outermost first
};

// Errors are kInvalidArgument with a message naming the tag and its byte offset.
Result<std::vector<TemplateTag>> ScanTemplateTags(std::string_view source);

}  // namespace duly::channels
