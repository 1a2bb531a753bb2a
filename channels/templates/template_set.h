// duly::channels::TemplateSet: the message templates, one per (template id, language), each with
// its channel parts, rendered with mustache (kainjow).
//
// Promise: Add() and AddPartial() reject a source that does not parse, that uses a name outside
// the closed variable set of message_values.h, or that includes a partial other than
// "invoice_table" and "payment_link" (or one with no source in its language or in "en"); the
// error names the template, language, part and variable, with the field "/parts/<part>". Render()
// picks the language in the order: requested, the customer's second language, "en"; the first
// language whose template has every requested part wins. A variable used outside a section of its
// own name that would render empty (a collector without a name) is an error at render time,
// never a blank. HTML parts escape variables (& < > " ') and may not use {{{name}}} or {{& name}};
// text parts do not escape. Amounts and dates are formatted in the locale of the language that
// was picked. Partials are looked up apart from variables, so {{> payment_link}} and
// {{payment_link}} do not clash.
// Thread-safety: const methods may run concurrently; Add* need exclusive access.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/templates/message_values.h"
#include "channels/templates/template_tags.h"
#include "workflows/status.h"

namespace duly::channels {

// The parts of a template: one mustache source each. Only email.html is HTML.
enum class TemplatePart {
  kEmailSubject,  // "email.subject"
  kEmailText,     // "email.text"
  kEmailHtml,     // "email.html"
  kSmsText,       // "sms.text"
  kWhatsappText,  // "whatsapp.text"
  kLetterText,    // "letter.text"
  kCallScript,    // "call.script": what a collector says on a courtesy call
  kChatText,      // "chat.text": a colleague message to a chat webhook
};

std::string_view TemplatePartName(TemplatePart part);
std::optional<TemplatePart> ParseTemplatePart(std::string_view name);
bool IsHtmlPart(TemplatePart part);

struct MessageTemplate {
  std::string id;        // "reminder-friendly"
  std::string language;  // "nl", "fr", "en", "de"
  std::map<TemplatePart, std::string> parts;
};

// The languages to try: `requested`, then `second` (may be empty), then "en".
struct LanguagePreference {
  std::string requested;
  std::string second;
};

// Partials replaced by fixed text for one Render() call: the letter composer puts a marker where
// the invoice table goes because the letter draws its own table. The text may hold no mustache
// tags (kInvalidArgument naming the partial otherwise).
struct RenderOptions {
  std::map<std::string, std::string, std::less<>> partial_text;  // partial name -> literal text
};

struct RenderedMessage {
  std::string id;
  std::string language;  // the language that was picked
  std::map<TemplatePart, std::string> parts;
};

class TemplateSet {
 public:
  // A partial's source for one language; `html` selects the variant used by HTML parts.
  // Replaces an earlier source for the same (name, language, html).
  Status AddPartial(std::string_view name, std::string_view language, bool html,
                    std::string source);

  // Adds or replaces the template for (id, language) after validating every part. Partials it
  // includes must be added first.
  Status Add(MessageTemplate message_template);

  // The language Render() would pick, or kNotFound naming the id and the languages tried.
  Result<std::string> PickLanguage(std::string_view id, const LanguagePreference& preference,
                                   const std::vector<TemplatePart>& parts) const;

  // Renders `parts` of template `id` for `values`.
  Result<RenderedMessage> Render(std::string_view id, const LanguagePreference& preference,
                                 const std::vector<TemplatePart>& parts,
                                 const MessageValues& values) const;
  Result<RenderedMessage> Render(std::string_view id, const LanguagePreference& preference,
                                 const std::vector<TemplatePart>& parts,
                                 const MessageValues& values, const RenderOptions& options) const;

  // The stored template, or nullptr.
  const MessageTemplate* Find(std::string_view id, std::string_view language) const;
  std::vector<const MessageTemplate*> All() const;

 private:
  struct PartialKey {
    std::string name;
    std::string language;
    bool html = false;
    friend auto operator<=>(const PartialKey&, const PartialKey&) = default;
  };
  // A variable a part uses; `guarded` when it only appears inside a section of its own name.
  struct VariableUse {
    std::string name;
    bool invoice_field = false;
    bool guarded = false;
  };
  struct CheckedPart {
    std::string source;
    std::vector<VariableUse> uses;  // including those of its partials
  };
  struct StoredTemplate {
    MessageTemplate source;
    std::map<TemplatePart, CheckedPart> parts;
  };

  Result<std::vector<VariableUse>> CheckSource(std::string_view source, bool allow_partials,
                                               std::string_view language, bool html) const;
  const std::string* FindPartial(std::string_view name, std::string_view language, bool html) const;

  std::map<PartialKey, CheckedPart> partials_;
  std::map<std::pair<std::string, std::string>, StoredTemplate> templates_;
};

}  // namespace duly::channels
