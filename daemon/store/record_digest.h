// duly::daemon::RecordDigest: hex SHA-256 over a sequence of fields, each written unambiguously.
//
// Promise: the digest covers the fields in order; each field is fed as its decimal byte length,
// ':', its bytes and '\n' (integers as their decimal text), so no two field sequences collide by
// concatenation. Used for the history hash (history_hash.h) and for the content hashes that make
// upserts idempotent. Not thread-safe; one digest per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace duly::daemon {

class RecordDigest {
 public:
  RecordDigest();
  ~RecordDigest();
  RecordDigest(const RecordDigest&) = delete;
  RecordDigest& operator=(const RecordDigest&) = delete;

  RecordDigest& Add(std::string_view field);
  RecordDigest& Add(std::int64_t field);
  // Returns the lower-case hex SHA-256 of everything added, and starts over.
  std::string Finish();

 private:
  void Feed(std::string_view bytes);
  evp_md_ctx_st* context_;
};

}  // namespace duly::daemon
