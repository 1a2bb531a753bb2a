#include "channels/twilio/request_signature.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "channels/twilio/shared_fixtures.h"

namespace duly::channels::twilio {
namespace {

struct Vector {
  std::string id;
  std::string request_url;
  std::string signed_url;
  std::vector<FormParam> params;
  std::string signature;
  std::optional<std::string> body;
  std::string body_sha256;
};

// Loads every vector of signature-vectors.json; empty when the fixture is absent.
std::optional<std::pair<std::string, std::vector<Vector>>> LoadVectors() {
  const auto path = testing::TwilioFixture("signature-vectors.json");
  if (!path) return std::nullopt;
  const auto doc = nlohmann::json::parse(testing::ReadFixture(*path));
  std::vector<Vector> vectors;
  for (const auto& item : doc.at("vectors")) {
    Vector v;
    v.id = item.at("id").get<std::string>();
    v.request_url = item.at("request_url").get<std::string>();
    v.signed_url = item.at("signed_url").get<std::string>();
    v.signature = item.at("expected_signature").get<std::string>();
    for (const auto& [key, value] : item.at("params").items()) {
      if (value.is_array()) {
        for (const auto& each : value) v.params.emplace_back(key, each.get<std::string>());
      } else {
        v.params.emplace_back(key, value.get<std::string>());
      }
    }
    if (item.contains("body")) {
      v.body = item.at("body").get<std::string>();
      v.body_sha256 = item.at("body_sha256").get<std::string>();
    }
    vectors.push_back(std::move(v));
  }
  return std::make_pair(doc.at("auth_token").get<std::string>(), std::move(vectors));
}

#define LOAD_VECTORS_OR_SKIP(name)                                                             \
  auto name = LoadVectors();                                                                   \
  if (!name) {                                                                                 \
    GTEST_SKIP() << "Twilio signature vectors not found under " << testing::TwilioFixtureDir() \
                 << " (set DULY_SHARED_DIR to the folder "                                     \
                 << "holding fixtures/twilio)";                                                \
  }

TEST(RequestSignature, EveryFixtureVectorComputesOverItsSignedUrl) {
  LOAD_VECTORS_OR_SKIP(loaded);
  const auto& [token, vectors] = *loaded;
  ASSERT_EQ(vectors.size(), 14U);
  for (const auto& v : vectors) {
    EXPECT_EQ(ComputeRequestSignature(token, v.signed_url, v.params), v.signature) << v.id;
  }
}

TEST(RequestSignature, EveryFixtureVectorVerifiesAsReceived) {
  LOAD_VECTORS_OR_SKIP(loaded);
  const auto& [token, vectors] = *loaded;
  for (const auto& v : vectors) {
    if (v.body) {
      EXPECT_EQ(Sha256Hex(*v.body), v.body_sha256) << v.id;
      EXPECT_TRUE(VerifyJsonRequest(token, v.request_url, *v.body, v.signature)) << v.id;
    } else {
      EXPECT_TRUE(VerifyFormRequest(token, v.request_url, v.params, v.signature)) << v.id;
    }
  }
}

TEST(RequestSignature, ForgedRequestsAreRefused) {
  LOAD_VECTORS_OR_SKIP(loaded);
  const auto& [token, vectors] = *loaded;
  for (const auto& v : vectors) {
    std::string flipped = v.signature;
    flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
    const std::string truncated = v.signature.substr(0, v.signature.size() - 1);
    if (v.body) {
      EXPECT_FALSE(VerifyJsonRequest(token, v.request_url, *v.body, flipped)) << v.id;
      EXPECT_FALSE(VerifyJsonRequest("54321", v.request_url, *v.body, v.signature)) << v.id;
      EXPECT_FALSE(VerifyJsonRequest(token, v.request_url, *v.body + " ", v.signature))
          << v.id << ": a tampered body no longer matches bodySHA256";
      EXPECT_FALSE(VerifyJsonRequest(token, v.request_url, *v.body, "")) << v.id;
    } else {
      EXPECT_FALSE(VerifyFormRequest(token, v.request_url, v.params, flipped)) << v.id;
      EXPECT_FALSE(VerifyFormRequest(token, v.request_url, v.params, truncated)) << v.id;
      EXPECT_FALSE(VerifyFormRequest(token, v.request_url, v.params, "")) << v.id;
      EXPECT_FALSE(VerifyFormRequest("54321", v.request_url, v.params, v.signature)) << v.id;
      auto tampered = v.params;
      tampered.back().second += "0";
      EXPECT_FALSE(VerifyFormRequest(token, v.request_url, tampered, v.signature)) << v.id;
      auto extra = v.params;
      extra.emplace_back("Body", "STOP");
      EXPECT_FALSE(VerifyFormRequest(token, v.request_url, extra, v.signature)) << v.id;
      EXPECT_FALSE(VerifyFormRequest(token, v.request_url + "&x=1", v.params, v.signature)) << v.id;
    }
  }
}

TEST(RequestSignature, ParameterOrderAndRepeatsDoNotMatter) {
  const std::vector<FormParam> one{{"To", "+32470"}, {"Digits", "2"}, {"Digits", "1"}};
  const std::vector<FormParam> two{
      {"Digits", "1"}, {"Digits", "2"}, {"To", "+32470"}, {"Digits", "1"}};
  EXPECT_EQ(ComputeRequestSignature("t", "https://a.example/x", one),
            ComputeRequestSignature("t", "https://a.example/x", two));
  EXPECT_NE(ComputeRequestSignature("t", "https://a.example/x", one),
            ComputeRequestSignature("t", "https://a.example/y", one));
}

TEST(RequestSignature, JsonRequestWithoutBodyHashIsRefused) {
  const std::string url = "https://mycompany.com/hook";
  const std::string signature = ComputeRequestSignature("12345", url, {});
  EXPECT_FALSE(VerifyJsonRequest("12345", url, "{}", signature));
}

TEST(RequestSignature, UrlCandidates) {
  EXPECT_EQ(SignedUrlCandidates("https://u@h.example:8443/p?q=it's"),
            (std::vector<std::string>{
                "https://u@h.example:8443/p?q=it's", "https://u@h.example/p?q=it's",
                "https://u@h.example:8443/p?q=it%27s", "https://u@h.example/p?q=it%27s"}));
  EXPECT_EQ(SignedUrlCandidates("http://[::1]/p"),
            (std::vector<std::string>{"http://[::1]/p", "http://[::1]:80/p"}));
}

}  // namespace
}  // namespace duly::channels::twilio
