#include "channels/http/http_client.h"

#include <future>
#include <memory>
#include <utility>

namespace duly::channels::http {

HttpOutcome HttpClient::Perform(HttpRequest request) {
  auto promise = std::make_shared<std::promise<HttpOutcome>>();
  std::future<HttpOutcome> outcome = promise->get_future();
  Start(std::move(request),
        [promise](HttpOutcome result) { promise->set_value(std::move(result)); });
  return outcome.get();
}

}  // namespace duly::channels::http
