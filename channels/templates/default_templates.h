// The default message templates duly ships: friendly reminders in nl, fr and en for every step of
// the example workflow, a colleague message, and courtesy-call scripts.
//
// Promise: LoadDefaultTemplates() builds a TemplateSet from the files embedded from
// channels/templates/defaults/ at build time: "<id>.<lang>.<part>.mustache" is one part of a
// template ("reminder-friendly.nl.email.subject.mustache"),
// "_<partial>.<lang>.<text|html>.mustache" one partial. A file named otherwise, or one that fails
// validation, makes it return the error naming the file. Pure apart from reading the embedded
// bytes; thread-safe.
#pragma once

#include <map>
#include <string_view>

#include "channels/templates/template_set.h"
#include "workflows/status.h"

namespace duly::channels {

// Builds a set from `files` (base name -> bytes), named as above.
Result<TemplateSet> LoadTemplateFiles(const std::map<std::string_view, std::string_view>& files);

// LoadTemplateFiles() over the embedded defaults.
Result<TemplateSet> LoadDefaultTemplates();

}  // namespace duly::channels
