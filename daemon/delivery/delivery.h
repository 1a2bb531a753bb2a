// duly::daemon::Delivery: everything dulyd runs to make queued messages arrive.
//
// Promise: Create() builds, from the config, the channels that are configured (Twilio "sms",
// "whatsapp" and "voice" over one shared curl multi client when channels.twilio has an account
// and token; "email" over SMTP when channels.smtp has a host and sender; "letter" into the spool
// always; "chat" webhooks always), the composer (templates in force, company profile), the outbox
// dispatcher and its loop. A channel that is not configured is not registered, so its rows fall
// back to their next channel or become a task ("not configured" is a permanent failure of that
// channel, dispatcher.h). Start() starts the dispatch loop and the print job: once a minute (and
// on PrintDue()) every spooled day whose print time has passed is printed (print_batch.h).
// Wake() makes the dispatcher look at the outbox now (the engine queued messages). Stop() ends
// both loops after the work in hand; finished() turns true once every send started is recorded.
// Thread-safety: Wake, Stop, PrintDue and MetricsText are safe from any thread; Start once.
// Ownership: the loop, stores and clock must outlive the Delivery, and the loop must keep running
// until finished() before the Delivery is destroyed.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "channels/compose/store_composer.h"
#include "channels/compose/template_library.h"
#include "channels/dispatch/dispatch_metrics.h"
#include "channels/dispatch/dispatcher.h"
#include "channels/letter/letter_renderer.h"
#include "channels/print/letter_spool.h"
#include "channels/print/print_batch.h"
#include "daemon/config/config.h"
#include "daemon/dispatch/dispatch_loop.h"
#include "daemon/http/net.h"
#include "workflows/clock.h"
#include "workflows/engine/outbox_store.h"
#include "workflows/payment_link_source.h"
#include "workflows/store.h"
#include "workflows/task_store.h"
#include "workflows/template_store.h"

namespace duly::daemon {

struct DeliveryStores {
  Store& store;
  OutboxStore& outbox;
  TaskStore& tasks;
  TemplateStore& templates;
  // Payment links put in customer messages (Mollie); null: none. Must outlive the Delivery.
  PaymentLinkSource* payment_links = nullptr;
};

class Delivery {
 public:
  // `owner`: this node's lease owner id. `test_clock`: the dispatch loop sleeps until Wake().
  static Result<std::unique_ptr<Delivery>> Create(const Config& config, net::io_context& loop,
                                                  DeliveryStores stores, const Clock& clock,
                                                  const std::string& owner, bool test_clock);
  ~Delivery();
  Delivery(const Delivery&) = delete;
  Delivery& operator=(const Delivery&) = delete;

  void Start();
  void Wake();
  void Stop();
  bool finished() const;

  // Prints every due day now (blocking: call it on a blocking thread). One print at a time: the
  // minute loop, POST /v1/letters/print and a moved test clock may all ask.
  Result<std::vector<channels::PrintRegister>> PrintDue();

  std::string MetricsText() const;
  std::vector<std::string> channel_names() const;
  channels::TemplateLibrary& templates() { return *templates_; }
  channels::StoreComposer& composer() { return *composer_; }
  const channels::LetterSpoolOptions& letters() const { return letter_options_; }

 private:
  Delivery(net::io_context& loop, const Clock& clock);
  net::awaitable<void> PrintLoop();

  net::io_context& loop_;
  const Clock& clock_;
  channels::LetterSpoolOptions letter_options_;
  channels::LetterRenderer renderer_;
  std::vector<std::unique_ptr<channels::Channel>> channels_;
  std::unique_ptr<channels::TemplateLibrary> templates_;
  std::unique_ptr<channels::StoreComposer> composer_;
  std::unique_ptr<channels::Dispatcher> dispatcher_;
  channels::DispatchMetrics metrics_;
  net::thread_pool dispatch_pool_{1};
  net::thread_pool print_pool_{1};
  std::unique_ptr<DispatchLoop> dispatch_loop_;
  net::steady_timer print_timer_;
  bool dispatch_enabled_ = true;  // channels.dispatch.enabled
  std::atomic<bool> stopping_{false};
  std::atomic<bool> print_finished_{true};
  std::mutex print_mutex_;  // one PrintDue at a time
  std::atomic<std::int64_t> letters_printed_{0};
  std::atomic<std::int64_t> print_failures_{0};
};

}  // namespace duly::daemon
