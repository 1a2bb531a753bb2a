#include "channels/twilio/twilio_channel.h"

#include <future>
#include <utility>

#include "channels/twilio/twilio_error.h"
#include "channels/twilio/twilio_resource.h"
#include "channels/twilio/voice_script.h"

namespace duly::channels::twilio {

namespace {

constexpr int kMaxListPages = 20;

SendFailure Failure(FailureKind kind, std::string reason) {
  return SendFailure{kind, std::move(reason), "", std::nullopt};
}

SendFailure ErrorAnswer(const http::HttpResponse& response) {
  return ClassifyTwilioError(static_cast<int>(response.status),
                             response.Header("Retry-After").value_or(""), response.body,
                             std::chrono::system_clock::now());
}

// A GET (or a cancel) that got no answer: nothing was changed that a retry could duplicate.
SendFailure NoAnswer(const http::HttpFailure& failure) {
  return Failure(FailureKind::kTransient, "Twilio did not answer: " + failure.reason);
}

// The menu webhook of a call, told the language the call speaks ("...?language=fr").
std::string MenuUrl(const std::string& menu_url, const OutboundMessage& message) {
  if (menu_url.empty()) return "";
  const std::string language = message.language.empty() ? "en" : message.language;
  return menu_url + (menu_url.find('?') == std::string::npos ? "?" : "&") +
         "language=" + FormUrlEncode(language);
}

std::string DateOf(Instant at) {
  const auto day = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(at));
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace

TwilioChannel::TwilioChannel(std::string channel_name, TwilioConfig config,
                             std::shared_ptr<http::HttpClient> client)
    : name_(std::move(channel_name)), config_(std::move(config)), client_(std::move(client)) {
  while (!config_.base_url.empty() && config_.base_url.back() == '/') config_.base_url.pop_back();
}

Result<std::optional<ContentTemplate>> TwilioChannel::WhatsAppTemplateFor(
    const OutboundMessage& message) const {
  if (message.channel != "whatsapp") return std::optional<ContentTemplate>();
  if (config_.whatsapp_session_open && config_.whatsapp_session_open(message)) {
    return std::optional<ContentTemplate>();
  }
  const std::string template_id = config_.template_id_of ? config_.template_id_of(message) : "";
  const WhatsAppContent* chosen = nullptr;
  for (const auto& content : config_.whatsapp_contents) {
    if (content.language != message.language) continue;
    if (content.template_id == template_id) {
      chosen = &content;
      break;
    }
    if (content.template_id.empty() && chosen == nullptr) chosen = &content;
  }
  if (chosen == nullptr) {
    return PolicyError("no approved WhatsApp template for \"" + template_id + "\" in \"" +
                       message.language +
                       "\": outside the 24-hour window WhatsApp needs one (RULES.md §7.1)");
  }
  return std::optional<ContentTemplate>(
      ContentTemplate{chosen->content_sid, {{"1", message.text}}});
}

Result<FormRequest> TwilioChannel::RequestFor(const OutboundMessage& message) const {
  if (message.channel != name_) {
    return FieldInvalid(
        "/channel", "the " + name_ + " channel cannot send a \"" + message.channel + "\" message");
  }
  if (name_ == "voice") {
    return BuildCallRequest(
        message, config_.sender,
        CallScript{VoiceReminderTwiml(message, MenuUrl(config_.voice_menu_url, message)), ""});
  }
  auto content = WhatsAppTemplateFor(message);
  if (!content) return std::move(content).error();
  return BuildMessageRequest(message, config_.sender, *content);
}

http::HttpRequest TwilioChannel::Authorized(http::HttpRequest request) const {
  request.basic_auth = std::make_pair(config_.sender.account_sid, config_.auth_token);
  request.timeout = config_.request_timeout;
  request.connect_timeout = config_.connect_timeout;
  return request;
}

std::string TwilioChannel::ResourceUrl(const std::string& provider_id) const {
  const char* collection = provider_id.starts_with("CA") ? "Calls" : "Messages";
  return config_.base_url + "/2010-04-01/Accounts/" + config_.sender.account_sid + "/" +
         collection + "/" + FormUrlEncode(provider_id) + ".json";
}

std::optional<DeliveryState> TwilioChannel::StateOf(const std::string& provider_id,
                                                    std::string_view status) const {
  return provider_id.starts_with("CA") ? CallState(status) : MessageState(status);
}

void TwilioChannel::StartSend(const OutboundMessage& message, SendDone done) {
  Result<FormRequest> form = RequestFor(message);
  if (!form) {
    const Error& error = form.error();
    std::string reason = "cannot send through Twilio: " + error.message;
    for (const auto& field : error.fields)
      reason += " (" + field.field + ": " + field.message + ")";
    done(Failure(FailureKind::kPermanent, std::move(reason)));
    return;
  }
  http::HttpRequest request =
      Authorized(http::FormPost(config_.base_url + form->path, form->Body()));
  const bool call = name_ == "voice";
  client_->Start(std::move(request), [done = std::move(done), call](http::HttpOutcome outcome) {
    if (const auto* failure = std::get_if<http::HttpFailure>(&outcome)) {
      done(FailureAfterTransportError(failure->may_have_left, failure->reason));
      return;
    }
    const auto& response = std::get<http::HttpResponse>(outcome);
    if (!response.ok()) {
      done(ErrorAnswer(response));
      return;
    }
    const auto resource = ParseTwilioResource(response.body);
    if (!resource || resource->sid.empty()) {
      done(Failure(FailureKind::kUnknownOutcome,
                   "Twilio answered " + std::to_string(response.status) + " without a sid"));
      return;
    }
    const auto state = call ? CallState(resource->status) : MessageState(resource->status);
    done(SendReceipt{resource->sid, state.value_or(DeliveryState::kAccepted)});
  });
}

SendOutcome TwilioChannel::Send(const OutboundMessage& message) {
  auto promise = std::make_shared<std::promise<SendOutcome>>();
  auto outcome = promise->get_future();
  StartSend(message, [promise](SendOutcome result) { promise->set_value(std::move(result)); });
  return outcome.get();
}

StatusOutcome TwilioChannel::Status(const std::string& provider_id) {
  http::HttpRequest request;
  request.url = ResourceUrl(provider_id);
  const http::HttpOutcome outcome = client_->Perform(Authorized(std::move(request)));
  if (const auto* failure = std::get_if<http::HttpFailure>(&outcome)) return NoAnswer(*failure);
  const auto& response = std::get<http::HttpResponse>(outcome);
  if (!response.ok()) return ErrorAnswer(response);
  const auto resource = ParseTwilioResource(response.body);
  if (!resource) return Failure(FailureKind::kTransient, "Twilio's answer has no resource");
  if (const auto state = StateOf(provider_id, resource->status)) return *state;
  return Failure(FailureKind::kTransient, "Twilio reported an unknown status \"" +
                                              resource->status + "\" for " + provider_id);
}

StatusOutcome TwilioChannel::Cancel(const std::string& provider_id) {
  const http::HttpOutcome outcome =
      client_->Perform(Authorized(http::FormPost(ResourceUrl(provider_id), "Status=canceled")));
  if (const auto* failure = std::get_if<http::HttpFailure>(&outcome)) return NoAnswer(*failure);
  const auto& response = std::get<http::HttpResponse>(outcome);
  if (!response.ok()) {
    // Twilio refuses to cancel what is no longer scheduled or queued: say where it stands.
    if (response.status >= 400 && response.status < 500 && response.status != 429) {
      return Status(provider_id);
    }
    return ErrorAnswer(response);
  }
  const auto resource = ParseTwilioResource(response.body);
  if (resource) {
    if (const auto state = StateOf(provider_id, resource->status)) return *state;
  }
  return Status(provider_id);
}

Channel::ReconcileOutcome TwilioChannel::Reconcile(const OutboundMessage& message,
                                                   Instant attempted_at) {
  if (name_ == "voice") return Channel::Reconcile(message, attempted_at);
  auto content = WhatsAppTemplateFor(message);
  const bool template_send = content && content->has_value();
  const std::string to = message.channel == "whatsapp" ? "whatsapp:" + message.to : message.to;
  const Instant earliest =
      std::chrono::floor<std::chrono::seconds>(attempted_at) -
      std::chrono::duration_cast<std::chrono::milliseconds>(config_.reconcile_clock_skew);
  std::string url = config_.base_url + "/2010-04-01/Accounts/" + config_.sender.account_sid +
                    "/Messages.json?To=" + FormUrlEncode(to) + "&DateSent%3E=" + DateOf(earliest) +
                    "&PageSize=100";
  for (int page = 0; page < kMaxListPages && !url.empty(); ++page) {
    http::HttpRequest request;
    request.url = url;
    const http::HttpOutcome outcome = client_->Perform(Authorized(std::move(request)));
    if (const auto* failure = std::get_if<http::HttpFailure>(&outcome)) return NoAnswer(*failure);
    const auto& response = std::get<http::HttpResponse>(outcome);
    if (!response.ok()) return ErrorAnswer(response);
    const auto listed = ParseMessagePage(response.body);
    if (!listed) return Failure(FailureKind::kTransient, "Twilio's answer is not a Messages page");
    for (const auto& found : listed->messages) {
      const auto dated = found.date_sent ? found.date_sent : found.date_created;
      if (found.to != to || !dated || *dated < earliest) continue;
      if (!template_send && found.body != message.text) continue;
      return SendReceipt{found.sid, MessageState(found.status).value_or(DeliveryState::kAccepted)};
    }
    url = listed->next_page_uri.empty() ? "" : config_.base_url + listed->next_page_uri;
  }
  return NotFound("Twilio has no message to " + to + " since " + FormatInstantUtc(earliest) +
                  " with this body");
}

}  // namespace duly::channels::twilio
