// X-Twilio-Signature: how Twilio signs every webhook it sends (status callbacks, inbound messages,
// call progress), and how the daemon checks it.
//
// Promise: ComputeRequestSignature returns base64(HMAC-SHA1(auth token, url + key1 + value1 +
// key2 + value2 ...)) over the POST form parameters sorted by key; the values of a repeated key
// are sorted and de-duplicated, exactly as Twilio's helper libraries do (vectors in
// ../shared/fixtures/twilio/signature-vectors.json). The URL is signed byte for byte.
// VerifyFormRequest and VerifyJsonRequest accept a signature when it matches the URL as received,
// the URL without its port, the URL with the scheme's default port added, or the URL with the
// characters a WHATWG URL parser percent-encodes in a query (', ", <, >, space, non-ASCII), which
// is what Twilio's libraries try; comparisons are constant time (CRYPTO_memcmp).
// A JSON webhook carries no form parameters: its URL has a bodySHA256 query parameter, the hex
// SHA-256 of the raw body, and the signature covers the URL alone. VerifyJsonRequest requires
// both the bodySHA256 match and the signature.
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duly::channels::twilio {

// One form field as received, in arrival order; a key may repeat.
using FormParam = std::pair<std::string, std::string>;

std::string ComputeRequestSignature(std::string_view auth_token, std::string_view url,
                                    const std::vector<FormParam>& params);

// True when `signature` (the X-Twilio-Signature header) signs this form-encoded request.
bool VerifyFormRequest(std::string_view auth_token, std::string_view url,
                       const std::vector<FormParam>& params, std::string_view signature);

// True when the URL's bodySHA256 equals the SHA-256 of `body` and `signature` signs the URL.
bool VerifyJsonRequest(std::string_view auth_token, std::string_view url, std::string_view body,
                       std::string_view signature);

// Lower-case hex SHA-256 of `bytes` (the bodySHA256 query parameter).
std::string Sha256Hex(std::string_view bytes);

// The URLs Twilio may have signed for a request received at `url`: as received, without the
// port, with the default port (443/80) added, and each with WHATWG query percent-encoding.
// Duplicates removed; the URL as received comes first.
std::vector<std::string> SignedUrlCandidates(std::string_view url);

}  // namespace duly::channels::twilio
