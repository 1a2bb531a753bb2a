#include "channels/templates/template_set.h"

#include <algorithm>
#include <array>
#include <utility>

#include <kainjow/mustache.hpp>

namespace duly::channels {
namespace {

namespace mustache = kainjow::mustache;

constexpr std::array<std::pair<TemplatePart, std::string_view>, 8> kPartNames = {{
    {TemplatePart::kEmailSubject, "email.subject"},
    {TemplatePart::kEmailText, "email.text"},
    {TemplatePart::kEmailHtml, "email.html"},
    {TemplatePart::kSmsText, "sms.text"},
    {TemplatePart::kWhatsappText, "whatsapp.text"},
    {TemplatePart::kLetterText, "letter.text"},
    {TemplatePart::kCallScript, "call.script"},
    {TemplatePart::kChatText, "chat.text"},
}};

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Looks partials up in their own object, so the partial {{> payment_link}} and the variable
// {{payment_link}} do not share one name space (kainjow's default context looks both up in the
// data).
class PartialContext : public mustache::context<std::string> {
 public:
  PartialContext(const mustache::data* values, const mustache::data* partials)
      : mustache::context<std::string>(values), partials_(partials) {}
  const mustache::data* get_partial(const std::string& name) const override {
    return partials_->get(name);
  }

 private:
  const mustache::data* partials_;
};

// Empty text is false to mustache, so {{#payment_link}} ... {{/payment_link}} hides a block.
mustache::data TextValue(const std::string& text) {
  if (text.empty()) return mustache::data::type::bool_false;
  return mustache::data(text);
}

}  // namespace

std::string_view TemplatePartName(TemplatePart part) {
  for (const auto& [known, name] : kPartNames) {
    if (known == part) return name;
  }
  return "unknown";
}

std::optional<TemplatePart> ParseTemplatePart(std::string_view name) {
  for (const auto& [part, known] : kPartNames) {
    if (known == name) return part;
  }
  return std::nullopt;
}

bool IsHtmlPart(TemplatePart part) { return part == TemplatePart::kEmailHtml; }

const std::string* TemplateSet::FindPartial(std::string_view name, std::string_view language,
                                            bool html) const {
  for (std::string_view candidate : {language, std::string_view("en")}) {
    auto found = partials_.find(PartialKey{std::string(name), std::string(candidate), html});
    if (found != partials_.end()) return &found->second.source;
  }
  return nullptr;
}

Result<std::vector<TemplateSet::VariableUse>> TemplateSet::CheckSource(std::string_view source,
                                                                       bool allow_partials,
                                                                       std::string_view language,
                                                                       bool html) const {
  const mustache::mustache parsed{std::string(source)};
  if (!parsed.is_valid()) return InvalidArgument("does not parse: " + parsed.error_message());
  Result<std::vector<TemplateTag>> tags = ScanTemplateTags(source);
  if (!tags) return tags.error();
  std::vector<VariableUse> uses;
  for (const TemplateTag& tag : *tags) {
    if (tag.kind == TemplateTag::Kind::kPartial) {
      if (!allow_partials)
        return InvalidArgument("a partial may not include {{> " + tag.name + "}}");
      if (!Contains(kTemplatePartials, tag.name)) {
        return InvalidArgument("unknown partial {{> " + tag.name + "}}");
      }
      const auto key = PartialKey{tag.name, std::string(language), html};
      auto found = partials_.find(key);
      if (found == partials_.end()) found = partials_.find(PartialKey{tag.name, "en", html});
      if (found == partials_.end()) {
        return InvalidArgument("partial {{> " + tag.name + "}} has no " + (html ? "HTML" : "text") +
                               " source in " + std::string(language) + " or en");
      }
      for (VariableUse use : found->second.uses) {
        use.guarded = use.guarded || Contains(tag.enclosing, use.name);
        uses.push_back(std::move(use));
      }
      continue;
    }
    const bool in_invoices = Contains(tag.enclosing, kInvoiceListVariable);
    VariableUse use{tag.name, false, Contains(tag.enclosing, tag.name)};
    if (in_invoices && Contains(kInvoiceVariables, tag.name)) {
      use.invoice_field = true;
    } else if (!Contains(kTemplateVariables, tag.name)) {
      return InvalidArgument("unknown variable {{" + tag.name + "}}");
    }
    if (tag.kind != TemplateTag::Kind::kVariable) continue;  // a section renders no value
    if (!use.invoice_field && tag.name == kInvoiceListVariable) {
      return InvalidArgument("{{invoices}} is a list: use {{#invoices}} ... {{/invoices}}");
    }
    if (html && tag.unescaped) {
      return InvalidArgument("{{{" + tag.name + "}}} would skip HTML escaping");
    }
    uses.push_back(std::move(use));
  }
  return uses;
}

Status TemplateSet::AddPartial(std::string_view name, std::string_view language, bool html,
                               std::string source) {
  const std::string where = "partial " + std::string(name) + " (" + std::string(language) + ", " +
                            (html ? "html" : "text") + ")";
  if (!Contains(kTemplatePartials, name)) {
    return FieldInvalid("/name", where + ": not one of invoice_table, payment_link");
  }
  if (language.empty()) return FieldInvalid("/language", where + ": language is empty");
  // kainjow keeps the newline of a standalone {{> name}} line, so the partial's own final newline
  // would leave a blank line behind: drop it.
  while (!source.empty() && source.back() == '\n') source.pop_back();
  Result<std::vector<VariableUse>> uses = CheckSource(source, false, language, html);
  if (!uses) {
    return InvalidArgument(where + ": " + uses.error().message,
                           {{"/source", uses.error().message}});
  }
  partials_[PartialKey{std::string(name), std::string(language), html}] =
      CheckedPart{std::move(source), std::move(*uses)};
  return Status::Ok();
}

Status TemplateSet::Add(MessageTemplate message_template) {
  const std::string where =
      "template " + message_template.id + " (" + message_template.language + ")";
  if (message_template.id.empty()) return FieldInvalid("/id", where + ": id is empty");
  if (message_template.language.empty()) {
    return FieldInvalid("/language", where + ": language is empty");
  }
  if (message_template.parts.empty()) return FieldInvalid("/parts", where + ": has no parts");
  StoredTemplate stored;
  for (const auto& [part, source] : message_template.parts) {
    const std::string part_name(TemplatePartName(part));
    Result<std::vector<VariableUse>> uses =
        CheckSource(source, true, message_template.language, IsHtmlPart(part));
    if (!uses) {
      return InvalidArgument(where + ", part " + part_name + ": " + uses.error().message,
                             {{"/parts/" + part_name, uses.error().message}});
    }
    stored.parts[part] = CheckedPart{source, std::move(*uses)};
  }
  stored.source = std::move(message_template);
  auto key = std::make_pair(stored.source.id, stored.source.language);
  templates_[std::move(key)] = std::move(stored);
  return Status::Ok();
}

Result<std::string> TemplateSet::PickLanguage(std::string_view id,
                                              const LanguagePreference& preference,
                                              const std::vector<TemplatePart>& parts) const {
  std::string tried;
  for (const std::string& language : {preference.requested, preference.second, std::string("en")}) {
    if (language.empty()) continue;
    tried += (tried.empty() ? "" : ", ") + language;
    auto found = templates_.find(std::make_pair(std::string(id), language));
    if (found == templates_.end()) continue;
    const bool complete = std::all_of(parts.begin(), parts.end(), [&](TemplatePart part) {
      return found->second.parts.count(part) > 0;
    });
    if (complete) return language;
  }
  return NotFound("template " + std::string(id) + " with the requested parts exists in none of " +
                  tried);
}

Result<RenderedMessage> TemplateSet::Render(std::string_view id,
                                            const LanguagePreference& preference,
                                            const std::vector<TemplatePart>& parts,
                                            const MessageValues& values) const {
  return Render(id, preference, parts, values, RenderOptions{});
}

Result<RenderedMessage> TemplateSet::Render(std::string_view id,
                                            const LanguagePreference& preference,
                                            const std::vector<TemplatePart>& parts,
                                            const MessageValues& values,
                                            const RenderOptions& options) const {
  for (const auto& [name, text] : options.partial_text) {
    Result<std::vector<TemplateTag>> tags = ScanTemplateTags(text);
    if (!tags || !tags->empty()) {
      return InvalidArgument("the text replacing partial " + name + " may hold no mustache tags");
    }
  }
  Result<std::string> language = PickLanguage(id, preference, parts);
  if (!language) return language.error();
  const StoredTemplate& stored = templates_.at(std::make_pair(std::string(id), *language));
  const Locale locale = LocaleForLanguage(*language);
  const auto top = TopLevelValues(values, locale);
  std::vector<std::map<std::string, std::string, std::less<>>> invoices;
  for (const InvoiceLine& invoice : values.invoices) {
    invoices.push_back(InvoiceValues(invoice, values.currency, locale));
  }

  // Dotted names ("customer.name") become one object per head; the others are set directly.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> objects;
  mustache::data data = mustache::data::type::object;
  for (const auto& [name, text] : top) {
    const auto dot = name.find('.');
    if (dot == std::string::npos) {
      data.set(name, TextValue(text));
    } else {
      objects[name.substr(0, dot)].emplace_back(name.substr(dot + 1), text);
    }
  }
  for (const auto& [head, fields] : objects) {
    mustache::data object = mustache::data::type::object;
    for (const auto& [field, text] : fields) object.set(field, TextValue(text));
    data.set(head, object);
  }
  mustache::data invoice_list = mustache::data::type::list;
  for (const auto& invoice : invoices) {
    mustache::data item = mustache::data::type::object;
    for (const auto& [name, text] : invoice) item.set(name, TextValue(text));
    invoice_list.push_back(item);
  }
  data.set(std::string(kInvoiceListVariable), invoice_list);

  RenderedMessage rendered{std::string(id), *language, {}};
  const std::string where = "template " + std::string(id) + " (" + *language + ")";
  for (TemplatePart part : parts) {
    const CheckedPart& checked = stored.parts.at(part);
    const std::string part_name(TemplatePartName(part));
    for (const VariableUse& use : checked.uses) {
      if (use.guarded) continue;
      const bool blank =
          use.invoice_field
              ? std::any_of(invoices.begin(), invoices.end(),
                            [&](const auto& invoice) { return invoice.at(use.name).empty(); })
              : top.at(use.name).empty();
      if (blank) {
        return InvalidArgument(
            where + ", part " + part_name + ": {{" + use.name + "}} has no value for this message",
            {{"/parts/" + part_name, "{{" + use.name + "}} has no value"}});
      }
    }
    const bool html = IsHtmlPart(part);
    mustache::data partials = mustache::data::type::object;
    for (std::string_view partial_name : kTemplatePartials) {
      auto replaced = options.partial_text.find(partial_name);
      if (replaced != options.partial_text.end()) {
        partials.set(std::string(partial_name), replaced->second);
        continue;
      }
      const std::string* partial_source = FindPartial(partial_name, *language, html);
      if (partial_source != nullptr) partials.set(std::string(partial_name), *partial_source);
    }
    PartialContext context(&data, &partials);
    mustache::mustache renderer{checked.source};
    if (!html) renderer.set_custom_escape([](const std::string& text) { return text; });
    std::string text = renderer.render(context);
    if (!renderer.is_valid()) {
      return InternalError(where + ", part " + part_name + ": " + renderer.error_message());
    }
    rendered.parts[part] = std::move(text);
  }
  return rendered;
}

const MessageTemplate* TemplateSet::Find(std::string_view id, std::string_view language) const {
  auto found = templates_.find(std::make_pair(std::string(id), std::string(language)));
  return found == templates_.end() ? nullptr : &found->second.source;
}

std::vector<const MessageTemplate*> TemplateSet::All() const {
  std::vector<const MessageTemplate*> all;
  for (const auto& [key, stored] : templates_) all.push_back(&stored.source);
  return all;
}

}  // namespace duly::channels
