#include "daemon/delivery/delivery.h"

#include <exception>
#include <utility>

#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "channels/chat/chat_channel.h"
#include "channels/http/curl_http_client.h"
#include "channels/smtp/smtp_sender.h"
#include "channels/threaded_channel.h"
#include "channels/twilio/twilio_channel.h"
#include "daemon/delivery/delivery_settings.h"
#include "daemon/http/run_blocking.h"

namespace duly::daemon {
namespace {

constexpr std::chrono::seconds kPrintEvery{60};
// SMTP transactions and letter spooling block; these many run at once.
constexpr int kSmtpThreads = 8;
constexpr int kLetterThreads = 2;

}  // namespace

Delivery::Delivery(net::io_context& loop, const Clock& clock)
    : loop_(loop), clock_(clock), print_timer_(loop) {}

Delivery::~Delivery() {
  dispatch_pool_.join();
  print_pool_.join();
}

Result<std::unique_ptr<Delivery>> Delivery::Create(const Config& config, net::io_context& loop,
                                                   DeliveryStores stores, const Clock& clock,
                                                   const std::string& owner, bool test_clock) {
  Result<channels::CompanyProfile> company = CompanyProfileFrom(config);
  if (!company) return company.error();
  std::unique_ptr<Delivery> delivery(new Delivery(loop, clock));
  delivery->letter_options_ = LetterSpoolOptionsFrom(config);
  delivery->dispatch_enabled_ = config.channels.dispatch.enabled;

  const ChannelsConfig& settings = config.channels;
  channels::http::CurlHttpClientOptions http_options;
  http_options.max_host_connections = settings.twilio.max_connections;
  auto http = std::make_shared<channels::http::CurlHttpClient>(http_options);
  channels::ChannelsByName by_name;
  const auto add = [&](std::unique_ptr<channels::Channel> channel) {
    by_name.emplace(std::string(channel->name()), channel.get());
    delivery->channels_.push_back(std::move(channel));
  };
  if (settings.twilio.enabled()) {
    for (const char* name : {"sms", "whatsapp", "voice"}) {
      add(std::make_unique<channels::twilio::TwilioChannel>(name, TwilioSettings(config), http));
    }
  }
  if (settings.smtp.enabled()) {
    add(std::make_unique<channels::ThreadedChannel>(
        std::make_unique<smtp::SmtpSender>(SmtpSettingsFrom(config), clock), kSmtpThreads));
  }
  add(std::make_unique<channels::ThreadedChannel>(
      std::make_unique<channels::LetterSpool>(delivery->letter_options_, clock), kLetterThreads));
  add(std::make_unique<channels::chat::ChatChannel>(channels::chat::ChatConfig{}, http));

  delivery->templates_ = std::make_unique<channels::TemplateLibrary>(stores.templates);
  delivery->composer_ = std::make_unique<channels::StoreComposer>(
      stores.store, *delivery->templates_, std::move(*company), clock, stores.payment_links);
  delivery->dispatcher_ = std::make_unique<channels::Dispatcher>(
      stores.outbox, *delivery->composer_, stores.tasks, std::move(by_name), clock,
      DispatchOptionsFrom(config, owner));
  DispatchLoopOptions loop_options;
  loop_options.poll = std::chrono::milliseconds(settings.dispatch.poll_interval_ms);
  loop_options.wait_for_wake = test_clock;
  delivery->dispatch_loop_ =
      std::make_unique<DispatchLoop>(loop, delivery->dispatch_pool_, *delivery->dispatcher_, clock,
                                     delivery->metrics_, loop_options);
  spdlog::info("delivery: channels {}; letters spooled in {}",
               fmt::join(delivery->channel_names(), ", "), delivery->letter_options_.dir.string());
  return delivery;
}

std::vector<std::string> Delivery::channel_names() const {
  std::vector<std::string> names;
  for (const auto& channel : channels_) names.emplace_back(channel->name());
  return names;
}

void Delivery::Start() {
  if (dispatch_enabled_) dispatch_loop_->Start();
  print_finished_ = false;
  net::co_spawn(loop_, PrintLoop(), [this](std::exception_ptr error) {
    print_finished_ = true;
    if (error) spdlog::error("delivery: the print loop failed");
  });
}

void Delivery::Wake() { dispatch_loop_->Wake(); }

void Delivery::Stop() {
  stopping_ = true;
  dispatch_loop_->Stop();
  net::post(loop_, [this] { print_timer_.cancel(); });
}

bool Delivery::finished() const {
  return (!dispatch_enabled_ || dispatch_loop_->finished()) && print_finished_.load();
}

Result<std::vector<channels::PrintRegister>> Delivery::PrintDue() {
  std::lock_guard lock(print_mutex_);
  Result<std::vector<channels::PrintRegister>> printed =
      channels::PrintDueBatches(letter_options_, clock_.Now(), renderer_);
  if (!printed) {
    print_failures_.fetch_add(1);
    return printed;
  }
  for (const channels::PrintRegister& batch : *printed) {
    letters_printed_.fetch_add(static_cast<std::int64_t>(batch.letters.size()));
    spdlog::info("letters: printed {} letters ({} pages) for {} into {}", batch.letters.size(),
                 batch.pages, FormatCalendarDate(batch.day), batch.pdf.string());
  }
  return printed;
}

net::awaitable<void> Delivery::PrintLoop() {
  while (!stopping_) {
    Result<std::vector<channels::PrintRegister>> printed = Unavailable("not run");
    try {
      printed = co_await RunBlocking(print_pool_, [this] { return PrintDue(); });
    } catch (const std::exception& e) {
      printed = InternalError(std::string("printing threw: ") + e.what());
    }
    if (!printed) spdlog::error("letters: the print batch failed: {}", printed.error().message);
    if (stopping_) break;
    print_timer_.expires_after(kPrintEvery);
    beast::error_code ec;
    co_await print_timer_.async_wait(net::redirect_error(net::use_awaitable, ec));
  }
}

std::string Delivery::MetricsText() const {
  return metrics_.RenderText() +
         "# HELP duly_letters_printed_total Letters put into a print batch.\n"
         "# TYPE duly_letters_printed_total counter\n"
         "duly_letters_printed_total " +
         std::to_string(letters_printed_.load()) +
         "\n"
         "# HELP duly_print_failures_total Print batches that failed.\n"
         "# TYPE duly_print_failures_total counter\n"
         "duly_print_failures_total " +
         std::to_string(print_failures_.load()) + "\n";
}

}  // namespace duly::daemon
