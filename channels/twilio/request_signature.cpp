#include "channels/twilio/request_signature.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace duly::channels::twilio {
namespace {

std::string Base64(const unsigned char* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string SignedPayload(std::string_view url, const std::vector<FormParam>& params) {
  std::map<std::string, std::set<std::string>> sorted;
  for (const auto& [key, value] : params) sorted[key].insert(value);
  std::string payload(url);
  for (const auto& [key, values] : sorted) {
    for (const auto& value : values) payload.append(key).append(value);
  }
  return payload;
}

bool SameSignature(const std::string& expected, std::string_view given) {
  return expected.size() == given.size() &&
         CRYPTO_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

// scheme://[userinfo@]host[:port]rest, split so the port can be dropped or added.
struct UrlParts {
  std::string scheme;    // "https"
  std::string userinfo;  // "user:pass@" including the '@', or ""
  std::string host;      // "mycompany.com" or "[::1]"
  std::string port;      // "1234" or ""
  std::string rest;      // "/myapp.php?foo=1"
};

bool SplitUrl(std::string_view url, UrlParts& parts) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  parts.scheme = std::string(url.substr(0, scheme_end));
  const std::string_view after = url.substr(scheme_end + 3);
  const auto authority_end = std::min(after.find_first_of("/?#"), after.size());
  std::string_view authority = after.substr(0, authority_end);
  parts.rest = std::string(after.substr(authority_end));
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    parts.userinfo = std::string(authority.substr(0, at + 1));
    authority.remove_prefix(at + 1);
  }
  const auto colon = authority.rfind(':');
  const auto bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    parts.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  parts.host = std::string(authority);
  return true;
}

std::string JoinUrl(const UrlParts& parts, std::string_view port) {
  std::string url = parts.scheme + "://" + parts.userinfo + parts.host;
  if (!port.empty()) url.append(":").append(port);
  return url + parts.rest;
}

// Percent-encodes the query bytes a WHATWG URL parser encodes for http(s) URLs.
std::string WhatwgQueryEncoded(std::string_view url) {
  const auto query = url.find('?');
  if (query == std::string_view::npos) return std::string(url);
  const auto fragment = std::min(url.find('#', query), url.size());
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out(url.substr(0, query + 1));
  for (std::size_t i = query + 1; i < fragment; ++i) {
    const auto byte = static_cast<unsigned char>(url[i]);
    if (byte <= 0x20 || byte >= 0x7F || byte == '"' || byte == '\'' || byte == '<' || byte == '>') {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    } else {
      out.push_back(url[i]);
    }
  }
  out.append(url.substr(fragment));
  return out;
}

}  // namespace

std::string ComputeRequestSignature(std::string_view auth_token, std::string_view url,
                                    const std::vector<FormParam>& params) {
  const std::string payload = SignedPayload(url, params);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest.data(),
       &digest_size);
  return Base64(digest.data(), digest_size);
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &digest_size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest_size);
  for (unsigned int i = 0; i < digest_size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0F]);
  }
  return hex;
}

std::vector<std::string> SignedUrlCandidates(std::string_view url) {
  std::vector<std::string> bases{std::string(url)};
  UrlParts parts;
  if (SplitUrl(url, parts)) {
    bases.push_back(JoinUrl(parts, ""));
    if (parts.port.empty()) {
      if (parts.scheme == "https") bases.push_back(JoinUrl(parts, "443"));
      if (parts.scheme == "http") bases.push_back(JoinUrl(parts, "80"));
    }
  }
  std::vector<std::string> candidates;
  const auto add = [&candidates](std::string candidate) {
    if (std::find(candidates.begin(), candidates.end(), candidate) == candidates.end()) {
      candidates.push_back(std::move(candidate));
    }
  };
  for (const auto& base : bases) add(base);
  for (const auto& base : bases) add(WhatwgQueryEncoded(base));
  return candidates;
}

bool VerifyFormRequest(std::string_view auth_token, std::string_view url,
                       const std::vector<FormParam>& params, std::string_view signature) {
  if (signature.empty()) return false;
  bool valid = false;
  // Every candidate is checked so the time taken does not depend on which one matched.
  for (const auto& candidate : SignedUrlCandidates(url)) {
    valid =
        SameSignature(ComputeRequestSignature(auth_token, candidate, params), signature) || valid;
  }
  return valid;
}

bool VerifyJsonRequest(std::string_view auth_token, std::string_view url, std::string_view body,
                       std::string_view signature) {
  const auto query = url.find('?');
  if (query == std::string_view::npos) return false;
  const std::string_view key = "bodySHA256=";
  std::string_view declared;
  std::size_t at = query + 1;
  while (at < url.size()) {
    const auto end = std::min(url.find_first_of("&#", at), url.size());
    const std::string_view field = url.substr(at, end - at);
    if (field.substr(0, key.size()) == key) declared = field.substr(key.size());
    if (end >= url.size() || url[end] == '#') break;
    at = end + 1;
  }
  const std::string actual = Sha256Hex(body);
  const bool body_matches = declared.size() == actual.size() &&
                            CRYPTO_memcmp(declared.data(), actual.data(), actual.size()) == 0;
  const bool signature_matches = VerifyFormRequest(auth_token, url, {}, signature);
  return body_matches && signature_matches;
}

}  // namespace duly::channels::twilio
