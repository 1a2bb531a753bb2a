// duly::testing::TempDir: a fresh directory under $TMPDIR, removed with everything in it when the
// object dies. Not thread-safe; one per test.
#pragma once

#include <filesystem>
#include <string>

namespace duly::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace duly::testing
