#include "channels/mollie/mollie_client.h"

#include <utility>

namespace duly::channels::mollie {

MollieClient::MollieClient(MollieConfig config, std::shared_ptr<http::HttpClient> client)
    : config_(std::move(config)), client_(std::move(client)) {}

MollieAnswer MollieClient::CreatePayment(const NewMolliePayment& payment) const {
  return Send(CreatePaymentRequest(config_, payment), MollieFailureKind::kUnknown);
}

MollieAnswer MollieClient::GetPayment(const std::string& payment_id) const {
  return Send(GetPaymentRequest(config_, payment_id), MollieFailureKind::kTransient);
}

MollieAnswer MollieClient::Send(Result<http::HttpRequest> request,
                                MollieFailureKind unreadable) const {
  if (!request) {
    const Error& error = request.error();
    MollieFailure failure;
    failure.kind = MollieFailureKind::kPermanent;
    failure.reason = error.message;
    if (!error.fields.empty()) {
      failure.reason = error.fields.front().field + ": " + error.fields.front().message;
    }
    return failure;
  }
  const std::string what = request->method + " " + request->url;
  http::HttpOutcome outcome = client_->Perform(std::move(*request));
  const auto* response = std::get_if<http::HttpResponse>(&outcome);
  if (response == nullptr || !response->ok()) {
    MollieFailure failure = ClassifyMollieOutcome(outcome);
    failure.reason = what + ": " + failure.reason;
    return failure;
  }
  Result<MolliePayment> payment = ParseMolliePayment(response->body);
  if (!payment) {
    MollieFailure failure;
    failure.kind = unreadable;
    failure.http_status = response->status;
    failure.reason = what + ": Mollie answered " + std::to_string(response->status) +
                     " with a payment duly cannot read: " + payment.error().message;
    return failure;
  }
  return std::move(*payment);
}

}  // namespace duly::channels::mollie
