#include "tests/support/temp_dir.h"

#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

namespace duly::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "duly-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  char* made = mkdtemp(buffer.data());
  if (made == nullptr) std::abort();
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace duly::testing
