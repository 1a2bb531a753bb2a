// GET /v1/templates, GET/PUT /v1/templates/{id}/{language}, GET /v1/templates/{id}/{language}/
// versions and POST /v1/templates/{id}/{language}/preview: the message templates in force (the
// defaults duly ships overlaid by the versions managers saved), saved only after every part
// validates and renders, and previewed for a real customer.
#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "channels/compose/composition_values.h"
#include "channels/compose/store_composer.h"
#include "channels/compose/template_library.h"
#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/catalog_json.h"
#include "daemon/api/resource_routes.h"
#include "workflows/base64.h"

namespace duly::daemon {
namespace {

using channels::MessageTemplate;
using channels::TemplatePart;
using channels::TemplateSet;
using nlohmann::json;

constexpr std::array<std::string_view, 4> kLanguages = {"nl", "fr", "en", "de"};

// What the handlers share: the library caches the set in force between requests.
struct TemplateRoutes {
  SharedApiContext context;
  std::unique_ptr<channels::TemplateLibrary> library;  // null without a TemplateStore
  std::unique_ptr<channels::StoreComposer> composer;
  SchemaValidator template_schema = LoadSchemaOrDie("template.schema.json");
  SchemaValidator preview_schema = LoadSchemaOrDie("template_preview.schema.json");
};
using SharedRoutes = std::shared_ptr<const TemplateRoutes>;

struct TemplateKey {
  std::string id;
  std::string language;
};

Result<TemplateKey> KeyOf(const RouteContext& route) {
  TemplateKey key{route.params.at("id"), route.params.at("language")};
  const bool id_ok =
      !key.id.empty() && key.id.size() <= 64 &&
      std::all_of(key.id.begin(), key.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      });
  if (!id_ok) return FieldInvalid("/id", "must be 1..64 of a-z, 0-9, - and _");
  if (std::find(kLanguages.begin(), kLanguages.end(), key.language) == kLanguages.end()) {
    return FieldInvalid("/language", "must be one of nl, fr, en, de");
  }
  return key;
}

json PartsJson(const std::map<TemplatePart, std::string>& parts) {
  json object = json::object();
  for (const auto& [part, source] : parts) object[std::string(TemplatePartName(part))] = source;
  return object;
}

json PartNames(const std::map<TemplatePart, std::string>& parts) {
  json names = json::array();
  for (const auto& [part, source] : parts) names.push_back(std::string(TemplatePartName(part)));
  return names;
}

json StoredJson(const StoredTemplate& stored) {
  return {{"id", stored.id},
          {"language", stored.language},
          {"source", "stored"},
          {"version", stored.version},
          {"saved_at", FormatInstantUtc(stored.saved_at)},
          {"actor", stored.actor},
          {"parts", stored.parts}};
}

// The template in force for `key` as JSON (parts as sources, or only their names in a list),
// or nullopt when there is none.
std::optional<json> InForceJson(const TemplateSet& current, const TemplateSet& defaults,
                                const std::vector<StoredTemplate>& stored, const TemplateKey& key,
                                bool with_sources) {
  const MessageTemplate* found = current.Find(key.id, key.language);
  if (found == nullptr) return std::nullopt;
  const bool has_default = defaults.Find(key.id, key.language) != nullptr;
  for (const StoredTemplate& one : stored) {
    if (one.id != key.id || one.language != key.language) continue;
    Result<MessageTemplate> as_set = channels::ToMessageTemplate(one);
    if (!as_set || as_set->parts != found->parts) break;  // rejected: the default serves
    json body = StoredJson(one);
    if (!with_sources) body["parts"] = PartNames(found->parts);
    body["replaces_default"] = has_default;
    return body;
  }
  return json{{"id", key.id},
              {"language", key.language},
              {"source", "default"},
              {"version", 0},
              {"replaces_default", false},
              {"parts", with_sources ? PartsJson(found->parts) : PartNames(found->parts)}};
}

Result<std::map<TemplatePart, std::string>> DecodeParts(const json& parts) {
  std::map<TemplatePart, std::string> decoded;
  for (const auto& [name, source] : parts.items()) {
    std::optional<TemplatePart> part = channels::ParseTemplatePart(name);
    if (!part) return FieldInvalid("/parts/" + name, "not a template part");
    decoded[*part] = source.get<std::string>();
  }
  return decoded;
}

// Values as a real message would carry them, from the configured company profile: a part that
// renders a blank for them would render a blank at send time.
channels::MessageValues SampleValues(const channels::CompanyProfile& company, Instant now) {
  Customer customer;
  customer.id = "C-SAMPLE";
  customer.name = "Sample Customer";
  Invoice invoice;
  invoice.id = "INV-SAMPLE";
  invoice.issued = LocalDay(now, kDefaultTimeZone) - date::days(40);
  invoice.due = invoice.issued + date::days(30);
  invoice.amount = Money::FromCents(123456);
  invoice.open_amount = invoice.amount;
  channels::MessageValues values =
      channels::ValuesFor(customer, {invoice}, company, LocalDay(now, kDefaultTimeZone));
  values.colleague_name = "Sample Colleague";
  return values;
}

// Checks a candidate as PUT would save it: every part valid, the default's parts all present,
// every part rendering for sample values. Answers the set with the candidate in place.
Result<TemplateSet> CheckCandidate(const TemplateRoutes& routes, const MessageTemplate& candidate,
                                   bool require_default_parts) {
  if (Status checked = routes.library->Check(candidate); !checked) {
    return Unprocessable(std::move(checked).error());
  }
  Result<std::shared_ptr<const TemplateSet>> defaults = routes.library->Defaults();
  if (!defaults) return defaults.error();
  std::vector<FieldError> missing;
  const MessageTemplate* shipped = (*defaults)->Find(candidate.id, candidate.language);
  if (require_default_parts && shipped != nullptr) {
    for (const auto& [part, source] : shipped->parts) {
      if (candidate.parts.contains(part)) continue;
      missing.push_back({"/parts/" + std::string(TemplatePartName(part)),
                         "required: the default template has this part and a step may send it"});
    }
  }
  if (!missing.empty()) {
    return Error{ErrorCode::kPolicy,
                 "template " + candidate.id + " (" + candidate.language + ") misses " +
                     std::to_string(missing.size()) + " part(s) of the default, first " +
                     missing.front().field,
                 std::move(missing)};
  }
  Result<std::shared_ptr<const TemplateSet>> current = routes.library->Current();
  if (!current) return current.error();
  TemplateSet scratch = **current;
  if (Status added = scratch.Add(candidate); !added) return Unprocessable(added.error());
  const channels::MessageValues values =
      SampleValues(routes.context->company, routes.context->clock.Now());
  for (const auto& [part, source] : candidate.parts) {
    Result<channels::RenderedMessage> rendered =
        scratch.Render(candidate.id, {candidate.language, ""}, {part}, values);
    if (!rendered) return Unprocessable(std::move(rendered).error());
  }
  return scratch;
}

HttpResponse NoStore() {
  return ErrorResponse(Unavailable("templates cannot be managed: no template store is configured"));
}

HttpResponse List(const TemplateRoutes& routes) {
  auto current = routes.library->Current();
  if (!current) return ErrorResponse(current.error());
  auto defaults = routes.library->Defaults();
  if (!defaults) return ErrorResponse(defaults.error());
  auto stored = routes.context->templates->ListTemplates();
  if (!stored) return ErrorResponse(stored.error());
  json items = json::array();
  for (const MessageTemplate* one : (*current)->All()) {
    std::optional<json> item =
        InForceJson(**current, **defaults, *stored, {one->id, one->language}, false);
    if (item) items.push_back(std::move(*item));
  }
  return JsonBody({{"items", std::move(items)}});
}

HttpResponse Get(const TemplateRoutes& routes, const RouteContext& route) {
  Result<TemplateKey> key = KeyOf(route);
  if (!key) return ErrorResponse(key.error());
  auto current = routes.library->Current();
  if (!current) return ErrorResponse(current.error());
  auto defaults = routes.library->Defaults();
  if (!defaults) return ErrorResponse(defaults.error());
  auto stored = routes.context->templates->ListTemplates();
  if (!stored) return ErrorResponse(stored.error());
  std::optional<json> item = InForceJson(**current, **defaults, *stored, *key, true);
  if (!item) {
    return ErrorResponse(
        NotFound("template " + key->id + " (" + key->language + ") does not exist"));
  }
  return JsonBody(*item);
}

HttpResponse Put(const TemplateRoutes& routes, const RouteContext& route) {
  Result<TemplateKey> key = KeyOf(route);
  if (!key) return ErrorResponse(key.error());
  Result<json> body = ParseJson(route.request.body);
  if (!body) return ErrorResponse(body.error());
  if (Status valid = routes.template_schema.Validate(*body); !valid) {
    return ErrorResponse(valid.error());
  }
  auto parts = DecodeParts((*body)["parts"]);
  if (!parts) return ErrorResponse(parts.error());
  const MessageTemplate candidate{key->id, key->language, *parts};
  if (auto checked = CheckCandidate(routes, candidate, true); !checked) {
    return ErrorResponse(checked.error());
  }
  StoredTemplate saved{key->id, key->language, {}, 0, {}, ""};
  for (const auto& [part, source] : *parts)
    saved.parts[std::string(TemplatePartName(part))] = source;
  auto stored = routes.context->templates->SaveTemplate(saved, ActorOf(route));
  if (!stored) return ErrorResponse(stored.error());
  json answer = StoredJson(*stored);
  auto defaults = routes.library->Defaults();
  answer["replaces_default"] = defaults && (*defaults)->Find(key->id, key->language) != nullptr;
  return JsonBody(answer);
}

HttpResponse Versions(const TemplateRoutes& routes, const RouteContext& route) {
  Result<TemplateKey> key = KeyOf(route);
  if (!key) return ErrorResponse(key.error());
  auto versions = routes.context->templates->TemplateVersions(key->id, key->language);
  if (!versions) return ErrorResponse(versions.error());
  json items = json::array();
  for (const StoredTemplate& version : *versions) items.push_back(StoredJson(version));
  return JsonBody({{"items", std::move(items)}});
}

HttpResponse Preview(const TemplateRoutes& routes, const RouteContext& route) {
  Result<TemplateKey> key = KeyOf(route);
  if (!key) return ErrorResponse(key.error());
  Result<json> body = ParseJson(route.request.body);
  if (!body) return ErrorResponse(body.error());
  if (Status valid = routes.preview_schema.Validate(*body); !valid) {
    return ErrorResponse(valid.error());
  }
  std::optional<TemplateSet> draft;
  if (body->contains("parts")) {
    auto parts = DecodeParts((*body)["parts"]);
    if (!parts) return ErrorResponse(parts.error());
    auto checked = CheckCandidate(routes, MessageTemplate{key->id, key->language, *parts}, false);
    if (!checked) return ErrorResponse(checked.error());
    draft = std::move(*checked);
  }
  channels::CompositionRequest request;
  request.customer = (*body)["customer"].get<std::string>();
  request.recipient = request.customer;
  if (body->contains("colleague")) {
    request.recipient_kind = RecipientKind::kColleague;
    request.recipient = (*body)["colleague"].get<std::string>();
  }
  request.channel = (*body)["channel"].get<std::string>();
  request.template_id = key->id;
  request.language = key->language;
  request.open_invoices = true;
  request.require_address = false;
  auto message = routes.composer->Compose(request, draft ? &*draft : nullptr);
  if (!message) return ErrorResponse(Unprocessable(std::move(message).error()));
  json attachments = json::array();
  for (const channels::Attachment& attachment : message->attachments) {
    attachments.push_back({{"filename", attachment.filename},
                           {"media_type", attachment.media_type},
                           {"size", attachment.content.size()},
                           {"content_base64", EncodeBase64(attachment.content)}});
  }
  return JsonBody({{"template", key->id},
                   {"language", message->language},
                   {"channel", message->channel},
                   {"to", message->to},
                   {"invoices", message->invoices},
                   {"subject", message->subject},
                   {"text", message->text},
                   {"html", message->html},
                   {"attachments", std::move(attachments)}});
}

}  // namespace

void AddTemplateRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector};
  const std::set<Role> writers = {Role::kAdmin, Role::kManager};
  auto shared = std::make_shared<TemplateRoutes>();
  shared->context = context;
  if (context->templates != nullptr) {
    shared->library = std::make_unique<channels::TemplateLibrary>(*context->templates);
    shared->composer = std::make_unique<channels::StoreComposer>(context->store, *shared->library,
                                                                 context->company, context->clock);
  }
  const SharedRoutes routes = shared;
  // Each handler answers 503 when no TemplateStore is configured.
  auto route = [routes](HttpResponse (*handler)(const TemplateRoutes&, const RouteContext&)) {
    return [routes, handler](const RouteContext& context_of_route) {
      if (!routes->library) return NoStore();
      return handler(*routes, context_of_route);
    };
  };
  router.Add("GET", "/v1/templates", readers, [routes](const RouteContext&) {
    if (!routes->library) return NoStore();
    return List(*routes);
  });
  router.Add("GET", "/v1/templates/{id}/{language}", readers, route(&Get));
  router.Add("PUT", "/v1/templates/{id}/{language}", writers, route(&Put));
  router.Add("GET", "/v1/templates/{id}/{language}/versions", readers, route(&Versions));
  router.Add("POST", "/v1/templates/{id}/{language}/preview", readers, route(&Preview));
}

}  // namespace duly::daemon
