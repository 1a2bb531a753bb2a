#include "channels/http/curl_http_client.h"

#include <atomic>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>

#include <curl/curl.h>

namespace duly::channels::http {

namespace {

// One transfer: owns everything libcurl points at until the transfer ends.
struct Transfer {
  HttpRequest request;
  HttpClient::Done done;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpResponse response;
  char error_text[CURL_ERROR_SIZE] = {};
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  static_cast<Transfer*>(user)->response.body.append(data, size * count);
  return size * count;
}

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    transfer->response.headers.clear();  // a new answer (after 100 Continue): keep the last
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    transfer->response.headers.emplace_back(Trim(line.substr(0, colon)),
                                            Trim(line.substr(colon + 1)));
  }
  return size * count;
}

bool CertainlyNotSent(CURLcode code, CURL* easy) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_FAILED_INIT:
    case CURLE_LOGIN_DENIED:
      return true;
    case CURLE_OPERATION_TIMEDOUT: {
      // Timed out while waiting for a connection or connecting: nothing was written.
      curl_off_t connected_us = 0;
      curl_off_t request_bytes = 0;
      long request_size = 0;  // NOLINT(google-runtime-int): libcurl's type
      curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connected_us);
      curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_size);
      request_bytes = request_size;
      return connected_us == 0 && request_bytes == 0;
    }
    default:
      return false;
  }
}

std::string HostOf(const std::string& url) {
  CURLU* parsed = curl_url();
  std::string host;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* part = nullptr;
    if (curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK) host = part;
    curl_free(part);
  }
  curl_url_cleanup(parsed);
  return host;
}

}  // namespace

class CurlHttpClient::Loop {
 public:
  explicit Loop(CurlHttpClientOptions options) {
    static std::once_flag curl_ready;
    std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
    const long cached = options.max_cached_connections > 0  // NOLINT(google-runtime-int)
                            ? options.max_cached_connections
                            : 2 * options.max_host_connections;
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, cached);
    thread_ = std::thread([this] { Run(); });
  }

  ~Loop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    curl_multi_wakeup(multi_);
    thread_.join();
    curl_multi_cleanup(multi_);
  }

  void Start(HttpRequest request, Done done) {
    auto transfer = std::make_unique<Transfer>();
    transfer->request = std::move(request);
    transfer->done = std::move(done);
    {
      std::lock_guard lock(mutex_);
      if (!stopping_) {
        queued_.push_back(std::move(transfer));
        in_flight_.fetch_add(1);
      }
    }
    if (transfer) {  // refused: the client is shutting down
      transfer->done(HttpFailure{false, "HTTP client shut down", 0, false});
      return;
    }
    curl_multi_wakeup(multi_);
  }

  std::size_t InFlight() const { return in_flight_.load(); }

 private:
  void Run() {
    for (;;) {
      std::deque<std::unique_ptr<Transfer>> arrived;
      bool stop = false;
      {
        std::lock_guard lock(mutex_);
        arrived.swap(queued_);
        stop = stopping_;
      }
      if (stop) {
        for (auto& transfer : arrived)
          Finish(*transfer, HttpFailure{false, "HTTP client shut down", 0, false});
        for (Transfer* transfer : running_) {
          curl_multi_remove_handle(multi_, transfer->easy);
          Finish(*transfer,
                 HttpFailure{true, "HTTP client shut down during the transfer", 0, false});
          delete transfer;
        }
        running_.clear();
        return;
      }
      for (auto& transfer : arrived) Begin(std::move(transfer));
      int still_running = 0;
      curl_multi_perform(multi_, &still_running);
      Collect();
      int ready = 0;
      curl_multi_poll(multi_, nullptr, 0, 1000, &ready);
    }
  }

  void Begin(std::unique_ptr<Transfer> owned) {
    Transfer* transfer = owned.get();
    const HttpRequest& request = transfer->request;
    CURL* easy = curl_easy_init();
    if (easy == nullptr) {
      Finish(*transfer, HttpFailure{false, "libcurl could not create a handle", 0, false});
      return;
    }
    transfer->easy = easy;
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error_text);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    const auto connect = std::min(request.connect_timeout, request.timeout);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect.count()));
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, WriteBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, WriteHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    if (request.method == "GET") {
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "POST") {
      curl_easy_setopt(easy, CURLOPT_POST, 1L);
    } else {
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (!request.body.empty() || request.method == "POST") {
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
    if (request.basic_auth) {
      curl_easy_setopt(easy, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
      curl_easy_setopt(easy, CURLOPT_USERNAME, request.basic_auth->first.c_str());
      curl_easy_setopt(easy, CURLOPT_PASSWORD, request.basic_auth->second.c_str());
    }
    curl_slist* headers = curl_slist_append(nullptr, "Expect:");
    if (!request.content_type.empty()) {
      headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
    }
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    transfer->headers = headers;
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    if (curl_multi_add_handle(multi_, easy) != CURLM_OK) {
      Finish(*transfer, HttpFailure{false, "libcurl refused the transfer", 0, false});
      return;
    }
    running_.insert(owned.release());
  }

  void Collect() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
      curl_multi_remove_handle(multi_, easy);
      running_.erase(transfer);
      std::unique_ptr<Transfer> owned(transfer);
      if (code == CURLE_OK) {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &transfer->response.status);
        Finish(*transfer, std::move(transfer->response));
      } else {
        std::string reason =
            transfer->error_text[0] != '\0' ? transfer->error_text : curl_easy_strerror(code);
        reason = transfer->request.method + " " + HostOf(transfer->request.url) + ": " + reason;
        Finish(*transfer, HttpFailure{!CertainlyNotSent(code, easy), std::move(reason),
                                      static_cast<int>(code), code == CURLE_OPERATION_TIMEDOUT});
      }
    }
  }

  // Releases libcurl's resources of `transfer` and runs its callback once.
  void Finish(Transfer& transfer, HttpOutcome outcome) {
    if (transfer.easy != nullptr) curl_easy_cleanup(transfer.easy);
    transfer.easy = nullptr;
    curl_slist_free_all(transfer.headers);
    transfer.headers = nullptr;
    in_flight_.fetch_sub(1);
    Done done = std::move(transfer.done);
    done(std::move(outcome));
  }

  CURLM* multi_ = nullptr;
  std::mutex mutex_;                              // guards queued_ and stopping_
  std::deque<std::unique_ptr<Transfer>> queued_;  // started, not yet handed to libcurl
  bool stopping_ = false;
  std::unordered_set<Transfer*> running_;  // owned; touched by the transfer thread only
  std::atomic<std::size_t> in_flight_{0};
  std::thread thread_;
};

CurlHttpClient::CurlHttpClient(CurlHttpClientOptions options)
    : loop_(std::make_unique<Loop>(options)) {}

CurlHttpClient::~CurlHttpClient() = default;

void CurlHttpClient::Start(HttpRequest request, Done done) {
  loop_->Start(std::move(request), std::move(done));
}

std::size_t CurlHttpClient::InFlight() const { return loop_->InFlight(); }

}  // namespace duly::channels::http
