#include "channels/http/http_request.h"

namespace duly::channels::http {

HttpRequest FormPost(std::string url, std::string form_body) {
  HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.content_type = "application/x-www-form-urlencoded";
  request.body = std::move(form_body);
  return request;
}

HttpRequest JsonPost(std::string url, std::string json_body) {
  HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.content_type = "application/json";
  request.body = std::move(json_body);
  return request;
}

}  // namespace duly::channels::http
