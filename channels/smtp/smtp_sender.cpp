#include "channels/smtp/smtp_sender.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

#include <curl/curl.h>

namespace duly::smtp {
namespace {

using channels::FailureKind;
using channels::SendFailure;

// What one transaction saw; filled by libcurl's callbacks on the calling thread.
struct Transaction {
  std::string_view body;
  std::size_t offset = 0;
  bool body_started = false;  // the server accepted DATA and libcurl began to read the body
  std::string partial;        // server bytes not yet ending in a line break
  std::string reply;          // the reply being assembled (multi-line "250-" replies)
  std::string last_reply;     // the last complete server reply, lines joined by " / "
  std::string refusal;        // the last 4xx or 5xx reply: what the server objected to
};

size_t ReadBody(char* buffer, size_t size, size_t count, void* user) {
  auto* transaction = static_cast<Transaction*>(user);
  transaction->body_started = true;
  const std::size_t n = std::min(size * count, transaction->body.size() - transaction->offset);
  std::memcpy(buffer, transaction->body.data() + transaction->offset, n);
  transaction->offset += n;
  return n;
}

// Keeps the server's replies (never what we send: that would include AUTH credentials).
int WatchReplies(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* transaction = static_cast<Transaction*>(user);
  transaction->partial.append(data, size);
  std::size_t eol = 0;
  while ((eol = transaction->partial.find('\n')) != std::string::npos) {
    std::string line = transaction->partial.substr(0, eol);
    transaction->partial.erase(0, eol + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!transaction->reply.empty()) transaction->reply += " / ";
    transaction->reply += line;
    if (line.size() < 4 || line[3] != '-') {  // final line of a reply
      if (line[0] == '4' || line[0] == '5') transaction->refusal = transaction->reply;
      transaction->last_reply = std::move(transaction->reply);
      transaction->reply.clear();
    }
  }
  return 0;
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string Url(const SmtpSettings& settings) {
  const std::string scheme = settings.security == SmtpSecurity::kImplicitTls ? "smtps" : "smtp";
  const std::string host =
      settings.host.find(':') != std::string::npos ? "[" + settings.host + "]" : settings.host;
  // The path is the name libcurl announces in EHLO.
  return scheme + "://" + host + ":" + std::to_string(settings.port) + "/" +
         settings.sender.message_id_domain;
}

SendFailure Failure(FailureKind kind, std::string reason, std::string code = "") {
  SendFailure failure;
  failure.kind = kind;
  failure.reason = std::move(reason);
  failure.provider_code = std::move(code);
  return failure;
}

}  // namespace

SmtpSender::SmtpSender(SmtpSettings settings, const Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

channels::SendOutcome SmtpSender::Send(const channels::OutboundMessage& message) {
  Result<MimeMessage> mime = BuildMimeMessage(message, settings_.sender, clock_.Now());
  if (!mime) {
    const Error& error = mime.error();
    std::string reason = "cannot build the e-mail: " + error.message;
    for (const FieldError& field : error.fields) reason += " (" + field.field + ")";
    return Failure(FailureKind::kPermanent, std::move(reason));
  }
  return Deliver(*mime);
}

channels::SendOutcome SmtpSender::Deliver(const MimeMessage& message) const {
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return Failure(FailureKind::kTransient, "libcurl could not create a handle");
  CURL* handle = curl.get();
  Transaction transaction;
  transaction.body = message.bytes;
  std::array<char, CURL_ERROR_SIZE> error_text{};

  const std::string url = Url(settings_);
  const std::string mail_from = "<" + message.envelope_from + ">";
  std::unique_ptr<curl_slist, ListDeleter> recipients(
      curl_slist_append(nullptr, ("<" + message.envelope_to + ">").c_str()));
  if (!recipients) return Failure(FailureKind::kTransient, "out of memory for the recipient list");

  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text.data());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.total_timeout.count()));
  // libcurl waits for each SMTP reply (the end-of-data one too) up to this long, whatever the
  // total timeout says; bound it by the total.
  const auto reply_seconds =
      std::chrono::ceil<std::chrono::seconds>(settings_.total_timeout).count();
  curl_easy_setopt(handle, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                   static_cast<long>(std::max<std::int64_t>(1, reply_seconds)));
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.bytes.size()));
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, &ReadBody);
  curl_easy_setopt(handle, CURLOPT_READDATA, &transaction);
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);  // feeds WatchReplies; nothing is printed
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, &WatchReplies);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &transaction);
  if (settings_.security == SmtpSecurity::kStartTls) {
    curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!settings_.ca_file.empty())
    curl_easy_setopt(handle, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, settings_.password.c_str());
  }

  const CURLcode result = curl_easy_perform(handle);
  long code = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
  if (result == CURLE_OK) {
    return channels::SendReceipt{message.message_id, channels::DeliveryState::kAccepted};
  }

  const std::string& reply =
      transaction.refusal.empty() ? transaction.last_reply : transaction.refusal;
  const std::string server = reply.substr(std::min<std::size_t>(4, reply.size()));
  const std::string curl_text =
      error_text[0] != '\0' ? std::string(error_text.data()) : curl_easy_strerror(result);
  if (code >= 400 && code < 600 && result != CURLE_LOGIN_DENIED) {
    const FailureKind kind = code >= 500 ? FailureKind::kPermanent : FailureKind::kTransient;
    return Failure(kind, "SMTP " + std::to_string(code) + ": " + server, std::to_string(code));
  }
  if (result == CURLE_LOGIN_DENIED) {
    return Failure(FailureKind::kTransient,
                   "SMTP authentication refused (check the configured credentials): " + server,
                   code > 0 ? std::to_string(code) : "");
  }
  if (transaction.body_started) {
    return Failure(FailureKind::kUnknownOutcome,
                   "SMTP transaction broke off after the message body began to go (" + curl_text +
                       "); the server may have queued it");
  }
  return Failure(FailureKind::kTransient, "SMTP server " + settings_.host + ":" +
                                              std::to_string(settings_.port) +
                                              " not reached or refused the session: " + curl_text);
}

channels::StatusOutcome SmtpSender::Status(const std::string&) {
  return channels::DeliveryState::kAccepted;
}

channels::StatusOutcome SmtpSender::Cancel(const std::string&) {
  return channels::DeliveryState::kAccepted;
}

}  // namespace duly::smtp
